/**
 * Checks docker/Dockerfile, .dockerignore, docker-compose.yml and docker/.env.example against the
 * repository without a Docker engine: the files they name exist, the npm scripts they run exist,
 * the image keeps the layout the backend expects, and the environment compose gives the app and
 * the worker is one the backend accepts in production.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { parse as parseYaml } from 'yaml';
import { AppConfig, ConfigError, loadConfig } from '../src/config/app-config.js';
import { ADMIN_DIST_DIR, PLAYGROUND_DIST_DIR, PROJECT_ROOT } from '../src/common/paths.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DOCKERFILE = 'docker/Dockerfile';
const COMPOSE_FILE = 'docker-compose.yml';
const ENV_EXAMPLE = 'docker/.env.example';

const read = (path: string): string => readFileSync(resolve(ROOT, path), 'utf8');
const exists = (path: string): boolean => existsSync(resolve(ROOT, path));
const isDirectory = (path: string): boolean => exists(path) && statSync(resolve(ROOT, path)).isDirectory();
const readJson = <T = Record<string, unknown>>(path: string): T => JSON.parse(read(path)) as T;

interface PackageJson {
  name?: string;
  workspaces?: string[];
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  allowScripts?: Record<string, boolean>;
}

/** Directories the image build creates (they are git-ignored, so they need not exist here). */
const BUILD_OUTPUTS = ['backend/dist', 'admin/dist', 'admin/dist-playground'];
/** The image layout the backend relies on (static sites resolved from backend/dist/..). */
const IMAGE_LAYOUT = ['package.json', 'node_modules', 'backend/package.json', 'backend/dist', 'admin/dist', 'admin/dist-playground'];
/** Secrets compose must refuse to run without. */
const REQUIRED_SECRETS = ['JWT_SECRET', 'BOT_API_KEY', 'SUPER_ADMIN_PASSWORD', 'SUPER_ADMIN_TELEGRAM_ID'];
/** Variables used by docker-compose.yml itself, not by the backend. */
/** Read by the bot service (backend/src/bot/bot-config.ts), not by the backend. */
const BOT_SERVICE_VARIABLES = ['TELEGRAM_WEBHOOK_URL', 'TELEGRAM_WEBHOOK_SECRET', 'BOT_WEBHOOK_PORT', 'MINIAPP_URL', 'PAYMENT_UPI_ID'];
const COMPOSE_ONLY_VARIABLES = ['POSTGRES_DB', 'POSTGRES_USER', 'POSTGRES_PASSWORD', 'APP_PORTS', 'APP_IMAGE', 'PGBOUNCER_IMAGE', ...BOT_SERVICE_VARIABLES];
/** Variables of the bot process (its own configuration, not the backend's). */
const BOT_VARIABLES = ['TELEGRAM_BOT_TOKEN', 'TELEGRAM_WEBHOOK_URL', 'TELEGRAM_WEBHOOK_SECRET', 'BOT_WEBHOOK_PORT', 'API_URL', 'BOT_API_KEY', 'NODE_ENV', 'MINIAPP_URL', 'PAYMENT_UPI_ID'];
const PGBOUNCER_DOCKERFILE = 'docker/pgbouncer/Dockerfile';
const PGBOUNCER_INI = 'docker/pgbouncer/pgbouncer.ini';
/** Values long enough for production, used where the test plays the operator. */
const TEST_SECRETS: Record<string, string> = {
  JWT_SECRET: 'test-jwt-secret-0123456789abcdef0123456789',
  BOT_API_KEY: 'test-bot-api-key-0123456789abcdef',
  SUPER_ADMIN_PASSWORD: 'test-super-admin-password',
  SUPER_ADMIN_TELEGRAM_ID: '123456789',
  POSTGRES_PASSWORD: 'testpostgrespassword0123',
};

/** backend/dist/x/y.js → backend/src/x/y.ts (what tsc compiles it from). */
function sourceOf(distFile: string): string {
  const match = /^(?:\.\/)?backend\/dist\/(.+)\.js$/.exec(distFile);
  if (!match) throw new Error(`${distFile} is not a file under backend/dist`);
  return `backend/src/${match[1]}.ts`;
}

// ---------------------------------------------------------------------------------------------
// Backend configuration: the variables class AppConfig declares.

/** Property names of class AppConfig, read from its source text (optional ones included). */
function appConfigVariables(): string[] {
  const source = read('backend/src/config/app-config.ts');
  const body = /export class AppConfig \{([\s\S]*?)\n\}/.exec(source)?.[1];
  if (!body) throw new Error('class AppConfig not found in backend/src/config/app-config.ts');
  return [...body.matchAll(/^ {2}([A-Z][A-Z0-9_]*)\??\s*[:=]/gm)].map((match) => match[1]);
}

const KNOWN_VARIABLES = appConfigVariables();

// ---------------------------------------------------------------------------------------------
// Dockerfile: a line parser for what the checks need.

interface Instruction {
  keyword: string;
  value: string;
  line: number;
}

interface Stage {
  index: number;
  name?: string;
  /** Image or earlier stage name, with global ARG defaults substituted. */
  from: string;
  instructions: Instruction[];
}

interface ParsedDockerfile {
  args: Map<string, string>;
  stages: Stage[];
}

function parseDockerfile(text: string): ParsedDockerfile {
  const logical: Instruction[] = [];
  let buffer = '';
  let start = 0;
  text.split(/\r?\n/).forEach((raw, i) => {
    const trimmed = raw.trim();
    // Comment lines and blank lines are dropped, also inside a continuation (as Docker does).
    if (trimmed.startsWith('#') || (!trimmed && buffer)) return;
    if (!trimmed) return;
    if (!buffer) start = i + 1;
    if (/\\\s*$/.test(raw)) {
      buffer += raw.replace(/\\\s*$/, ' ');
      return;
    }
    buffer += raw;
    const match = /^\s*(\S+)\s*([\s\S]*)$/.exec(buffer)!;
    logical.push({ keyword: match[1].toUpperCase(), value: match[2].trim(), line: start });
    buffer = '';
  });
  if (buffer) throw new Error(`${DOCKERFILE} ends inside a line continuation`);

  const args = new Map<string, string>();
  const stages: Stage[] = [];
  for (const instruction of logical) {
    if (instruction.keyword === 'FROM') {
      const match = /^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.value);
      if (!match) throw new Error(`Unreadable FROM on line ${instruction.line}`);
      const from = match[1].replace(/\$\{(\w+)\}|\$(\w+)/g, (_all, a: string, b: string) => args.get(a ?? b) ?? '');
      stages.push({ index: stages.length, name: match[2]?.toLowerCase(), from, instructions: [] });
    } else if (!stages.length) {
      if (instruction.keyword !== 'ARG') throw new Error(`${instruction.keyword} before the first FROM (line ${instruction.line})`);
      const [name, value = ''] = instruction.value.split('=', 2);
      args.set(name.trim(), value.trim().replace(/^"(.*)"$/, '$1'));
    } else {
      stages[stages.length - 1].instructions.push(instruction);
    }
  }
  return { args, stages };
}

/** Leading `--name=value` flags of an instruction, and the rest. */
function splitFlags(value: string): { flags: Record<string, string>; rest: string } {
  const flags: Record<string, string> = {};
  let rest = value;
  for (let match = /^--([\w-]+)(?:=(\S*))?\s*/.exec(rest); match; match = /^--([\w-]+)(?:=(\S*))?\s*/.exec(rest)) {
    flags[match[1]] = match[2] ?? 'true';
    rest = rest.slice(match[0].length);
  }
  return { flags, rest };
}

/** Exec form (JSON array) or shell form of CMD/ENTRYPOINT/HEALTHCHECK CMD. */
function execForm(value: string): string[] | undefined {
  if (!value.startsWith('[')) return undefined;
  return JSON.parse(value) as string[];
}

function envOf(instructions: Instruction[]): Map<string, string> {
  const env = new Map<string, string>();
  for (const { keyword, value } of instructions) {
    if (keyword !== 'ENV') continue;
    const pairs = [...value.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|\S*)/g)];
    if (pairs.length) for (const [, name, raw] of pairs) env.set(name, raw.replace(/^(["'])(.*)\1$/, '$2'));
    else {
      const [name, ...rest] = value.split(/\s+/);
      env.set(name, rest.join(' '));
    }
  }
  return env;
}

class DockerfileModel {
  readonly parsed: ParsedDockerfile;

  constructor(text: string) {
    this.parsed = parseDockerfile(text);
  }

  get stages(): Stage[] {
    return this.parsed.stages;
  }

  get final(): Stage {
    return this.stages[this.stages.length - 1];
  }

  stage(name: string, before: number): Stage | undefined {
    return this.stages.find((stage) => stage.index < before && (stage.name === name.toLowerCase() || String(stage.index) === name));
  }

  /** The stage's instructions preceded by those of the stages it is built FROM. */
  chain(stage: Stage): Instruction[] {
    const parent = this.stage(stage.from, stage.index);
    return parent ? [...this.chain(parent), ...stage.instructions] : stage.instructions;
  }

  /** The image a stage finally starts from. */
  baseImage(stage: Stage): string {
    const parent = this.stage(stage.from, stage.index);
    return parent ? this.baseImage(parent) : stage.from;
  }

  /** WORKDIR in force before the given instruction of a chain (or at its end). */
  workdir(chain: Instruction[], upTo = chain.length): string {
    let dir = '/';
    for (const { keyword, value } of chain.slice(0, upTo)) if (keyword === 'WORKDIR') dir = posix.resolve(dir, value);
    return dir;
  }
}

interface CopyEntry {
  stage: Stage;
  instruction: Instruction;
  from?: string;
  sources: string[];
  dest: string;
}

function copiesOf(model: DockerfileModel, stage: Stage): CopyEntry[] {
  return stage.instructions
    .filter((instruction) => instruction.keyword === 'COPY' || instruction.keyword === 'ADD')
    .map((instruction) => {
      const { flags, rest } = splitFlags(instruction.value);
      const parts = execForm(rest) ?? rest.split(/\s+/);
      if (parts.length < 2) throw new Error(`COPY on line ${instruction.line} needs a source and a destination`);
      const chain = model.chain(stage);
      const dest = posix.resolve(model.workdir(chain, chain.indexOf(instruction)), parts[parts.length - 1]);
      const trailingSlash = /\/$/.test(parts[parts.length - 1]) || parts[parts.length - 1] === '.';
      return { stage, instruction, from: flags.from, sources: parts.slice(0, -1), dest: trailingSlash ? `${dest}/` : dest };
    });
}

/** Where a copied source lands: directories copy their contents to dest, files into dest/ or as dest. */
function targetOf(source: string, dest: string, sourceIsDirectory: boolean, sourceCount: number): string {
  if (sourceIsDirectory) return dest.replace(/\/$/, '');
  return dest.endsWith('/') || sourceCount > 1 ? posix.join(dest, basename(source)) : dest;
}

/** The shell commands of a RUN, split on &&, ||, ; and |. */
function runCommands(instructions: Instruction[]): string[] {
  return instructions
    .filter((instruction) => instruction.keyword === 'RUN')
    .flatMap((instruction) => splitFlags(instruction.value).rest.split(/&&|\|\||;|\|/))
    .map((command) => command.trim())
    .filter(Boolean);
}

// ---------------------------------------------------------------------------------------------
// .dockerignore: Docker's matching rules, enough for the patterns used here.

function dockerignoreRules(text: string): { negate: boolean; regex: RegExp; pattern: string }[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const negate = line.startsWith('!');
      const pattern = posix.normalize(line.replace(/^!/, '').replace(/^\/+/, '')).replace(/\/+$/, '');
      const source = pattern
        .split('/')
        .map((segment) =>
          segment === '**'
            ? '\u0000'
            : segment.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]'),
        )
        .join('/')
        .replace(/\u0000\//g, '(?:.*/)?')
        .replace(/\/\u0000/g, '(?:/.*)?')
        .replace(/\u0000/g, '.*');
      return { negate, regex: new RegExp(`^${source}$`), pattern: line };
    });
}

/** Whether Docker leaves a path of the context out: the last rule matching it or a parent decides. */
function isDockerignored(path: string, rules: ReturnType<typeof dockerignoreRules>): boolean {
  const segments = posix.normalize(path).split('/');
  const candidates = segments.map((_segment, i) => segments.slice(0, i + 1).join('/'));
  let ignored = false;
  for (const rule of rules) if (candidates.some((candidate) => rule.regex.test(candidate))) ignored = !rule.negate;
  return ignored;
}

// ---------------------------------------------------------------------------------------------
// docker compose: the interpolation rules (${VAR}, ${VAR:-default}, ${VAR-default},
// ${VAR:?error}, ${VAR?error}, ${VAR:+alt}, ${VAR+alt}, $VAR, $$).

const INTERPOLATION = /\$(?:(\$)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

class InterpolationError extends Error {}

function interpolate(value: string, env: Record<string, string | undefined>): string {
  return value.replace(INTERPOLATION, (_all, dollar: string, braced: string, operator: string | undefined, argument: string, bare: string) => {
    if (dollar) return '$';
    const name = braced ?? bare;
    const current = env[name];
    const set = current !== undefined;
    const nonEmpty = set && current !== '';
    switch (operator) {
      case ':-':
        return nonEmpty ? current! : argument;
      case '-':
        return set ? current! : argument;
      case ':?':
        if (!nonEmpty) throw new InterpolationError(`required variable ${name} is missing a value: ${argument}`);
        return current!;
      case '?':
        if (!set) throw new InterpolationError(`required variable ${name} is missing a value: ${argument}`);
        return current!;
      case ':+':
        return nonEmpty ? argument : '';
      case '+':
        return set ? argument : '';
      default:
        return current ?? '';
    }
  });
}

/** Variable names a string interpolates ($$ escapes excluded). */
function interpolatedNames(value: string): string[] {
  return [...value.matchAll(INTERPOLATION)].filter((match) => !match[1]).map((match) => match[2] ?? match[5]);
}

function mapStrings(node: unknown, fn: (value: string) => string): unknown {
  if (typeof node === 'string') return fn(node);
  if (Array.isArray(node)) return node.map((item) => mapStrings(item, fn));
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, mapStrings(item, fn)]));
  }
  return node;
}

function collectStrings(node: unknown, into: string[] = []): string[] {
  mapStrings(node, (value) => {
    into.push(value);
    return value;
  });
  return into;
}

interface ComposeService {
  image?: string;
  profiles?: string[];
  restart?: string;
  deploy?: { replicas?: number };
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  volumes?: (string | { type?: string; source?: string; target?: string })[];
  ports?: (string | number | { target?: number; published?: string | number })[];
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

const loadCompose = (): ComposeFile => parseYaml(read(COMPOSE_FILE), { merge: true }) as ComposeFile;

function environmentOf(service: ComposeService): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((entry) => [entry.split('=')[0], entry.includes('=') ? entry.slice(entry.indexOf('=') + 1) : '']));
  }
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value === null ? '' : String(value)]));
}

function dependsOn(service: ComposeService): Record<string, string | undefined> {
  const deps = service.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((name) => [name, undefined]));
  return Object.fromEntries(Object.entries(deps).map(([name, spec]) => [name, spec?.condition]));
}

function commandOf(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : value.split(/\s+/).filter(Boolean);
}

/** docker/.env.example: NAME=value lines (comments and blank lines skipped). */
function envExample(): Map<string, string> {
  const values = new Map<string, string>();
  read(ENV_EXAMPLE)
    .split(/\r?\n/)
    .forEach((line, i) => {
      const trimmed = line.trim();
      if (!trimmed || trimmed.startsWith('#')) return;
      const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(trimmed);
      if (!match) throw new Error(`${ENV_EXAMPLE}:${i + 1} is not NAME=value: ${trimmed}`);
      if (values.has(match[1])) throw new Error(`${ENV_EXAMPLE} sets ${match[1]} twice`);
      values.set(match[1], match[2]);
    });
  return values;
}

/** The compose file as docker compose would see it with .env.example filled in by an operator. */
function interpolatedCompose(env: Record<string, string | undefined>): ComposeFile {
  return mapStrings(loadCompose(), (value) => interpolate(value, env)) as ComposeFile;
}

const operatorEnv = (): Record<string, string> => ({ ...Object.fromEntries(envExample()), ...TEST_SECRETS });

// =============================================================================================

describe('deployment files', () => {
  it('the files exist', () => {
    for (const path of [DOCKERFILE, '.dockerignore', COMPOSE_FILE, ENV_EXAMPLE]) expect({ path, exists: exists(path) }).toEqual({ path, exists: true });
  });

  it('the parser reads every AppConfig property (checked against an instance)', () => {
    expect(KNOWN_VARIABLES).toEqual(expect.arrayContaining(Object.keys(new AppConfig())));
    expect(KNOWN_VARIABLES).toEqual(expect.arrayContaining(['DATABASE_URL', 'BOT_USERNAME', 'GRAPHQL_INTROSPECTION', 'PLAYGROUND_ENABLED']));
  });
});

describe('docker/Dockerfile', () => {
  const model = new DockerfileModel(read(DOCKERFILE));
  const rootPackage = readJson<PackageJson>('package.json');
  const workspaces = new Map<string, string>();
  for (const dir of rootPackage.workspaces ?? []) {
    const name = readJson<PackageJson>(`${dir}/package.json`).name;
    workspaces.set(dir, dir);
    if (name) workspaces.set(name, dir);
  }
  const rules = dockerignoreRules(read('.dockerignore'));

  it('is multi-stage with uniquely named stages, FROM only earlier stages or Node images', () => {
    expect(model.stages.length).toBeGreaterThanOrEqual(2);
    const names = model.stages.map((stage) => stage.name).filter(Boolean);
    expect(new Set(names).size).toBe(names.length);
    for (const stage of model.stages) {
      const image = model.baseImage(stage);
      expect(image).toMatch(/^node:(\d+)[\w.-]*$/);
      // engines.node is >=20.11: the image's major version must be at least 20.
      expect(Number(/^node:(\d+)/.exec(image)![1])).toBeGreaterThanOrEqual(20);
    }
  });

  it('copies from the context only paths that exist and that .dockerignore lets through', () => {
    const problems: string[] = [];
    for (const stage of model.stages) {
      for (const copy of copiesOf(model, stage).filter((entry) => !entry.from)) {
        for (const source of copy.sources) {
          if (!exists(source)) problems.push(`line ${copy.instruction.line}: ${source} does not exist in the repository`);
          else if (isDockerignored(source, rules)) problems.push(`line ${copy.instruction.line}: ${source} is excluded by .dockerignore`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('copies from earlier stages only what they install or build', () => {
    const problems: string[] = [];
    for (const stage of model.stages) {
      for (const copy of copiesOf(model, stage).filter((entry) => entry.from)) {
        const source = model.stage(copy.from!, stage.index);
        if (!source) {
          problems.push(`line ${copy.instruction.line}: --from=${copy.from} is not an earlier stage`);
          continue;
        }
        const chain = model.chain(source);
        const commands = runCommands(chain);
        for (const path of copy.sources) {
          const inRepo = relative(model.workdir(chain), posix.resolve('/', path));
          if (inRepo.startsWith('..')) problems.push(`line ${copy.instruction.line}: ${path} is outside stage ${copy.from}'s WORKDIR`);
          else if (inRepo === 'node_modules' || inRepo.startsWith('node_modules/')) {
            if (!commands.some((command) => /\bnpm (ci|install)\b/.test(command))) problems.push(`line ${copy.instruction.line}: stage ${copy.from} runs no npm ci`);
          } else if (BUILD_OUTPUTS.some((output) => inRepo === output || inRepo.startsWith(`${output}/`))) {
            if (!commands.some((command) => /\bnpm run build\b/.test(command))) problems.push(`line ${copy.instruction.line}: stage ${copy.from} does not run npm run build`);
          } else if (!exists(inRepo)) {
            problems.push(`line ${copy.instruction.line}: ${path} (${inRepo}) is neither in the repository nor built`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('the build outputs it copies are where the build configs put them', () => {
    const backendTsconfig = readJson<{ compilerOptions?: { outDir?: string } }>('backend/tsconfig.json');
    const buildTsconfig = readJson<{ extends?: string; compilerOptions?: { outDir?: string } }>('backend/tsconfig.build.json');
    expect(buildTsconfig.extends).toBe('./tsconfig.json');
    expect(buildTsconfig.compilerOptions?.outDir ?? backendTsconfig.compilerOptions?.outDir).toBe('dist');
    expect(read('admin/vite.config.ts')).toMatch(/outDir:\s*'dist'/);
    expect(read('admin/vite.playground.config.ts')).toMatch(/\.\/dist-playground/);
    expect(rootPackage.scripts?.build).toMatch(/npm run build -w admin/);
    expect(rootPackage.scripts?.build).toMatch(/npm run build -w backend/);
  });

  it('runs only npm scripts that exist, in workspaces that exist (following the scripts they call)', () => {
    const problems: string[] = [];
    // a script's own `npm run x` (no -w) runs in the workspace that script belongs to
    const checkNpmCommand = (command: string, where: string, seen = new Set<string>(), currentDir = '.') => {
      const workspaceFlags = [...command.matchAll(/(?:^|\s)(?:-w|--workspace)(?:=|\s+)(\S+)/g)].map((match) => match[1]);
      for (const workspace of workspaceFlags) if (!workspaces.has(workspace)) problems.push(`${where}: no workspace ${workspace}`);
      const run = /\bnpm\s+(?:run|run-script)\s+([\w:.-]+)/.exec(command);
      if (!run) return;
      const dirs = workspaceFlags.length ? workspaceFlags.map((workspace) => workspaces.get(workspace)).filter((dir): dir is string => !!dir) : [currentDir];
      for (const dir of dirs) {
        const scripts = readJson<PackageJson>(`${dir}/package.json`).scripts ?? {};
        const key = `${dir}:${run[1]}`;
        if (!scripts[run[1]]) problems.push(`${where}: ${dir}/package.json has no script "${run[1]}"`);
        else if (!seen.has(key)) {
          seen.add(key);
          for (const inner of scripts[run[1]].split(/&&|\|\||;/)) checkNpmCommand(inner.trim(), `${where} → ${dir}/package.json "${run[1]}"`, seen, dir);
        }
      }
    };
    const commands = model.stages.flatMap((stage) => runCommands(stage.instructions).map((command) => ({ command, stage })));
    expect(commands.some(({ command }) => /\bnpm run build\b/.test(command))).toBe(true);
    for (const { command, stage } of commands.filter(({ command }) => /\bnpm\b/.test(command))) checkNpmCommand(command, `stage ${stage.name ?? stage.index}: ${command}`);
    expect(problems).toEqual([]);
  });

  it('installs with the lockfile and the workspace manifests in place, after the build tools', () => {
    const manifests = ['package.json', 'package-lock.json', ...(rootPackage.workspaces ?? []).map((dir) => `${dir}/package.json`)];
    for (const stage of model.stages) {
      const chain = model.chain(stage);
      chain.forEach((instruction, position) => {
        if (instruction.keyword !== 'RUN' || !/\bnpm ci\b/.test(instruction.value)) return;
        const before = chain.slice(0, position);
        const copied = new Set<string>();
        for (const earlier of model.stages) {
          for (const copy of copiesOf(model, earlier)) {
            if (copy.from || !before.includes(copy.instruction)) continue;
            for (const source of copy.sources) copied.add(relative(model.workdir(chain, position), targetOf(source, copy.dest, isDirectory(source), copy.sources.length)));
          }
        }
        expect({ line: instruction.line, missing: manifests.filter((path) => !copied.has(path)) }).toEqual({ line: instruction.line, missing: [] });
        // argon2 compiles with node-gyp: python3, make and g++ must be installed first.
        const tools = runCommands(before).filter((command) => /apt-get install/.test(command)).join(' ');
        for (const tool of ['python3', 'make', 'g++']) expect({ line: instruction.line, tool, installed: tools.split(/\s+/).includes(tool) }).toEqual({ line: instruction.line, tool, installed: true });
        expect(instruction.value).not.toMatch(/--ignore-scripts/);
      });
    }
  });

  it('gives the runtime production dependencies only, with argon2 built', () => {
    const nodeModules = copiesOf(model, model.final).find((copy) => copy.from && copy.sources.some((source) => /(^|\/)node_modules$/.test(source)));
    expect(nodeModules).toBeDefined();
    const source = model.stage(nodeModules!.from!, model.final.index)!;
    const commands = runCommands(model.chain(source));
    const production = commands.some((command) => /\bnpm ci\b.*--omit[= ]dev/.test(command)) || commands.some((command) => /\bnpm prune\b.*--omit[= ]dev/.test(command));
    expect(production).toBe(true);
    // argon2 is a backend dependency and may run its install script (npm 11 honours allowScripts).
    expect(readJson<PackageJson>('backend/package.json').dependencies?.argon2).toBeDefined();
    expect(rootPackage.allowScripts?.argon2).toBe(true);
    // A workspace-filtered install must include the backend's workspace.
    for (const command of commands.filter((c) => /\bnpm ci\b.*--omit[= ]dev/.test(c))) {
      const filters = [...command.matchAll(/(?:-w|--workspace)(?:=|\s+)(\S+)/g)].map((match) => workspaces.get(match[1]));
      if (filters.length) expect(filters).toContain('backend');
    }
  });

  it('lays out the runtime image as the backend expects and runs it as a non-root user', () => {
    const final = model.final;
    const chain = model.chain(final);
    const workdir = model.workdir(chain);
    const targets = copiesOf(model, final).flatMap((copy) =>
      copy.sources.map((source) => {
        const inRepo = copy.from ? relative(model.workdir(model.chain(model.stage(copy.from, final.index)!)), posix.resolve('/', source)) : source;
        const directory = copy.from ? BUILD_OUTPUTS.includes(inRepo) || inRepo === 'node_modules' || isDirectory(inRepo) : isDirectory(source);
        return relative(workdir, targetOf(source, copy.dest, directory, copy.sources.length));
      }),
    );
    expect(targets).toEqual(expect.arrayContaining(IMAGE_LAYOUT));
    // The backend finds the static sites at <root>/admin/dist and <root>/admin/dist-playground.
    expect(relative(PROJECT_ROOT, ADMIN_DIST_DIR)).toBe('admin/dist');
    expect(relative(PROJECT_ROOT, PLAYGROUND_DIST_DIR)).toBe('admin/dist-playground');

    const users = chain.filter((instruction) => instruction.keyword === 'USER');
    expect(users.length).toBeGreaterThan(0);
    expect(users[users.length - 1].value.split(':')[0]).not.toMatch(/^(root|0)$/);

    const env = envOf(chain);
    expect(env.get('NODE_ENV')).toBe('production');
    for (const name of env.keys()) expect({ name, known: KNOWN_VARIABLES.includes(name) }).toEqual({ name, known: true });
    const port = env.get('PORT') ?? '3000';
    expect(chain.filter((instruction) => instruction.keyword === 'EXPOSE').map((instruction) => instruction.value.split('/')[0])).toContain(port);
  });

  it('has a HEALTHCHECK on /health that needs only node', () => {
    const healthchecks = model.chain(model.final).filter((instruction) => instruction.keyword === 'HEALTHCHECK');
    expect(healthchecks.length).toBeGreaterThan(0);
    const { rest } = splitFlags(healthchecks[healthchecks.length - 1].value);
    expect(rest).toMatch(/^CMD\s/);
    const form = rest.replace(/^CMD\s+/, '');
    const command = execForm(form) ?? form.split(/\s+/);
    expect(command[0]).toBe('node');
    expect(command.join(' ')).toMatch(/127\.0\.0\.1:.*\/health/);
  });

  it('starts backend/dist/main.js, compiled from an existing backend/src/main.ts', () => {
    const cmds = model.chain(model.final).filter((instruction) => instruction.keyword === 'CMD');
    expect(cmds.length).toBeGreaterThan(0);
    const command = execForm(cmds[cmds.length - 1].value);
    expect(command).toEqual(['node', 'backend/dist/main.js']);
    expect(exists(sourceOf(command![1]))).toBe(true);
  });

  it('brings everything the build reads into the build stage', () => {
    const build = model.stages.find((stage) => runCommands(stage.instructions).some((command) => /\bnpm run build\b/.test(command)));
    expect(build).toBeDefined();
    const chain = model.chain(build!);
    const sources = model.stages
      .flatMap((stage) => copiesOf(model, stage))
      .filter((copy) => !copy.from && chain.includes(copy.instruction))
      .flatMap((copy) => copy.sources);
    const needed = [
      'backend/schema.gql', // the admin build reads the GraphQL schema
      'nest-cli.json', // the backend is built with nest build
      'scripts/build-if-changed.mjs',
      'backend/tsconfig.json',
      'backend/tsconfig.build.json',
      'backend/src/main.ts',
      'admin/index.html',
      'admin/vite.config.ts',
      'admin/vite.playground.config.ts',
      'admin/tsconfig.json',
    ];
    for (const path of needed) {
      const covered = sources.some((source) => source === '.' || path === source || path.startsWith(`${source.replace(/\/$/, '')}/`));
      expect({ path, covered, ignored: isDockerignored(path, rules) }).toEqual({ path, covered: true, ignored: false });
    }
  });
});

describe('.dockerignore', () => {
  const rules = dockerignoreRules(read('.dockerignore'));

  it('leaves out local state, build outputs, installed modules and secrets', () => {
    const left = [
      'node_modules/yaml/package.json',
      'backend/node_modules/x/index.js',
      'admin/node_modules/.vite/deps.json',
      'backend/dist/main.js',
      'admin/dist/index.html',
      'admin/dist-playground/index.html',
      '.data/pg/PG_VERSION',
      'backend/.data/pg/PG_VERSION',
      '.git/HEAD',
      '.env',
      'docker/.env',
    ];
    expect(left.filter((path) => !isDockerignored(path, rules))).toEqual([]);
  });

  it('keeps the sources and manifests', () => {
    const kept = ['package.json', 'package-lock.json', 'backend/package.json', 'backend/src/main.ts', 'backend/schema.gql', 'admin/package.json', 'admin/src', 'admin/index.html'];
    expect(kept.filter((path) => isDockerignored(path, rules))).toEqual([]);
  });
});

describe('docker-compose.yml', () => {
  const compose = loadCompose();
  const services = compose.services ?? {};

  it('has postgres, pgbouncer, the migrations, the app, the worker and the bot services', () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['postgres', 'pgbouncer', 'migrate', 'app', 'worker', 'bot']));
  });

  it('runs two app replicas with jobs off, one worker with jobs on, and the bot only under its profile', () => {
    expect(services.app.deploy?.replicas).toBe(2);
    expect(services.worker.deploy?.replicas ?? 1).toBe(1);
    expect(services.bot.profiles).toEqual(['bot']);
    for (const name of Object.keys(services).filter((name) => name !== 'bot')) expect({ name, profiles: services[name].profiles }).toEqual({ name, profiles: undefined });
    // node itself, like the other services: signals reach the bot, not npm
    expect(commandOf(services.bot.command)).toEqual(['node', 'backend/dist/bot/main.js']);
    expect(exists(sourceOf('backend/dist/bot/main.js'))).toBe(true);
    const unknown = Object.keys(environmentOf(services.bot)).filter((variable) => !BOT_VARIABLES.includes(variable));
    expect(unknown).toEqual([]);
    expect(environmentOf(services.bot).API_URL).toBe('http://app:3000/graphql');
  });

  it('gives the bot what webhook mode needs: the secret, the port, and that port published on loopback for the TLS proxy', () => {
    const environment = environmentOf(services.bot);
    expect(environment.TELEGRAM_WEBHOOK_SECRET).toBe('${TELEGRAM_WEBHOOK_SECRET:-}');
    expect(environment.BOT_WEBHOOK_PORT).toBe('${BOT_WEBHOOK_PORT:-8080}');
    expect(services.bot.ports).toEqual(['127.0.0.1:${BOT_WEBHOOK_PORT:-8080}:${BOT_WEBHOOK_PORT:-8080}']);
  });

  it('applies migrations once, in a one-shot service the app and the worker wait for', () => {
    expect(commandOf(services.migrate.command)).toEqual(['node', 'backend/dist/cli.js', 'migrate']);
    expect(services.migrate.restart).toBe('no');
    expect(exists(sourceOf('backend/dist/cli.js'))).toBe(true);
    for (const name of ['app', 'worker']) expect({ name, condition: dependsOn(services[name]).migrate }).toEqual({ name, condition: 'service_completed_successfully' });
  });

  it('puts PgBouncer in transaction mode in front of postgres, built from Debian\'s package', () => {
    const build = services.pgbouncer.build;
    const dockerfile = typeof build === 'string' ? `${build}/Dockerfile` : posix.join(build?.context ?? '.', build?.dockerfile ?? 'Dockerfile');
    expect(dockerfile).toBe(PGBOUNCER_DOCKERFILE);
    const model = new DockerfileModel(read(PGBOUNCER_DOCKERFILE));
    for (const copy of copiesOf(model, model.final)) for (const source of copy.sources) expect({ source, exists: exists(source) }).toEqual({ source, exists: true });
    expect(runCommands(model.final.instructions).join(' ')).toMatch(/apt-get install[^&]*\bpgbouncer\b/);
    const ini = read(PGBOUNCER_INI);
    expect(ini).toMatch(/^pool_mode\s*=\s*transaction$/m);
    expect(ini).toMatch(/^\* = host=postgres port=5432$/m);
    expect(ini).toMatch(/^listen_port\s*=\s*6432$/m);
    expect(dependsOn(services.pgbouncer).postgres).toBe('service_healthy');
    const resolved = interpolatedCompose(operatorEnv());
    const bouncer = environmentOf(resolved.services.pgbouncer);
    const postgres = environmentOf(resolved.services.postgres);
    expect({ user: bouncer.POSTGRES_USER, password: bouncer.POSTGRES_PASSWORD }).toEqual({ user: postgres.POSTGRES_USER, password: postgres.POSTGRES_PASSWORD });
  });

  it('builds the app and the worker from an existing context and Dockerfile', () => {
    for (const name of ['app', 'worker']) {
      const build = services[name].build;
      expect(build).toBeDefined();
      const context = typeof build === 'string' ? build : (build?.context ?? '.');
      const dockerfile = typeof build === 'string' ? 'Dockerfile' : (build?.dockerfile ?? 'Dockerfile');
      expect(isDirectory(context)).toBe(true);
      expect(posix.join(context, dockerfile)).toBe(DOCKERFILE);
      expect(exists(posix.join(context, dockerfile))).toBe(true);
    }
  });

  it('gives the app and the worker only variables the backend knows', () => {
    for (const name of ['app', 'worker']) {
      const unknown = Object.keys(environmentOf(services[name])).filter((variable) => !KNOWN_VARIABLES.includes(variable));
      expect({ service: name, unknown }).toEqual({ service: name, unknown: [] });
      expect(environmentOf(services[name]).NODE_ENV).toBe('production');
    }
  });

  it('requires the secrets with ${VAR:?message}', () => {
    for (const name of ['app', 'worker']) {
      const env = environmentOf(services[name]);
      for (const secret of REQUIRED_SECRETS) {
        expect({ service: name, secret, value: env[secret] }).toEqual({ service: name, secret, value: expect.stringMatching(new RegExp(`^\\$\\{${secret}:\\?[^}]+\\}$`)) });
      }
    }
    expect(() => interpolatedCompose({ ...operatorEnv(), JWT_SECRET: '' })).toThrow(/JWT_SECRET/);
    expect(() => interpolatedCompose({ ...operatorEnv(), BOT_API_KEY: undefined })).toThrow(/BOT_API_KEY/);
  });

  it('runs scheduled jobs in the worker only', () => {
    const app = loadConfig(environmentOf(interpolatedCompose(operatorEnv()).services.app));
    const worker = loadConfig(environmentOf(interpolatedCompose(operatorEnv()).services.worker));
    expect(app.JOBS_ENABLED).toBe(false);
    expect(worker.JOBS_ENABLED).toBe(true);
  });

  it('gives the app, the worker and the migrations a configuration the backend accepts in production, through PgBouncer', () => {
    const resolved = interpolatedCompose(operatorEnv());
    const postgres = environmentOf(resolved.services.postgres);
    for (const name of ['app', 'worker', 'migrate']) {
      let config: AppConfig;
      try {
        config = loadConfig(environmentOf(resolved.services[name]));
      } catch (error) {
        throw new Error(`${name}: ${error instanceof ConfigError ? error.message : String(error)}`);
      }
      expect(config.isProduction).toBe(true);
      expect(config.defaultSecretsInUse()).toEqual([]);
      const url = new URL(config.DATABASE_URL!);
      expect(config.DATABASE_PREPARED_STATEMENTS).toBe(false);
      expect({ service: name, host: url.hostname, port: url.port || '5432', user: url.username, password: url.password, database: url.pathname.slice(1) }).toEqual({
        service: name,
        host: 'pgbouncer',
        port: '6432',
        user: postgres.POSTGRES_USER,
        password: postgres.POSTGRES_PASSWORD,
        database: postgres.POSTGRES_DB,
      });
    }
  });

  it('keeps PostgreSQL data in a declared named volume at the path its image uses', () => {
    const postgres = services.postgres;
    expect(Object.keys(environmentOf(postgres))).toEqual(expect.arrayContaining(['POSTGRES_DB', 'POSTGRES_USER', 'POSTGRES_PASSWORD']));
    const major = Number(/^postgres:(\d+)/.exec(postgres.image ?? '')?.[1]);
    expect(major).toBeGreaterThanOrEqual(16);
    const mounts = (postgres.volumes ?? []).map((volume) =>
      typeof volume === 'string' ? { source: volume.split(':')[0], target: volume.split(':')[1] } : { source: volume.source, target: volume.target },
    );
    // PostgreSQL 18+ images keep PGDATA under /var/lib/postgresql/<major>/docker.
    const dataPath = major >= 18 ? '/var/lib/postgresql' : '/var/lib/postgresql/data';
    const data = mounts.find((mount) => mount.target === dataPath);
    expect(data).toBeDefined();
    expect(data!.source).toMatch(/^[A-Za-z0-9][\w.-]*$/); // a named volume, not a host path
    expect(Object.keys(compose.volumes ?? {})).toContain(data!.source);
  });

  it('has health checks: pg_isready for postgres and pgbouncer, /health/ready for the app and the worker (on its WORKER_PORT), one for the bot', () => {
    expect(commandOf(services.postgres.healthcheck?.test).join(' ')).toMatch(/pg_isready/);
    expect(commandOf(services.pgbouncer.healthcheck?.test).join(' ')).toMatch(/pg_isready .*-p 6432/);
    const app = commandOf(services.app.healthcheck?.test);
    expect(app.slice(0, 2)).toEqual(['CMD', 'node']);
    expect(app.join(' ')).toMatch(/127\.0\.0\.1:3000\/health\/ready/);
    const worker = commandOf(services.worker.healthcheck?.test);
    expect(worker.slice(0, 2)).toEqual(['CMD', 'node']);
    expect(worker.join(' ')).toContain(`127.0.0.1:${environmentOf(services.worker).WORKER_PORT}/health/ready`);
    expect(loadConfig(environmentOf(interpolatedCompose(operatorEnv()).services.worker)).WORKER_PORT).toBeGreaterThan(0);
    expect(commandOf(services.bot.healthcheck?.test).join(' ')).toMatch(/\/health\/ready/);
    for (const [name, service] of Object.entries(services)) {
      if (service.restart === 'no') continue; // a one-shot job has nothing to probe
      expect({ name, healthcheck: !!service.healthcheck?.test && !service.healthcheck.disable }).toEqual({ name, healthcheck: true });
    }
  });

  it('waits for healthy dependencies (service_healthy, on services that have a health check; a one-shot job completed)', () => {
    expect(dependsOn(services.app).pgbouncer).toBe('service_healthy');
    expect(dependsOn(services.worker).pgbouncer).toBe('service_healthy');
    expect(dependsOn(services.migrate).pgbouncer).toBe('service_healthy');
    for (const [name, service] of Object.entries(services)) {
      for (const [dependency, condition] of Object.entries(dependsOn(service))) {
        if (services[dependency]?.restart === 'no') {
          expect({ service: name, dependency, condition }).toEqual({ service: name, dependency, condition: 'service_completed_successfully' });
          continue;
        }
        expect({ service: name, dependency, condition }).toEqual({ service: name, dependency, condition: 'service_healthy' });
        const check = services[dependency]?.healthcheck;
        expect({ dependency, healthcheck: !!check?.test && !check.disable }).toEqual({ dependency, healthcheck: true });
      }
    }
  });

  it('publishes the port the image listens on', () => {
    const resolved = interpolatedCompose(operatorEnv());
    const container = (resolved.services.app.ports ?? []).map((port) => (typeof port === 'object' ? String(port.target) : String(port).split(':').pop()!.split('/')[0]));
    const model = new DockerfileModel(read(DOCKERFILE));
    expect(container).toContain(envOf(model.chain(model.final)).get('PORT') ?? '3000');
  });

  it('runs the worker as node backend/dist/worker.js', () => {
    expect(commandOf(services.worker.command)).toEqual(['node', 'backend/dist/worker.js']);
  });

  it('the worker entry point backend/src/worker.ts exists', () => {
    const source = sourceOf(commandOf(services.worker.command)[1] ?? 'backend/dist/worker.js');
    if (!exists(source)) {
      throw new Error(
        `${source} is missing: docker-compose.yml's worker service runs node backend/dist/worker.js, which tsc builds from ${source}`,
      );
    }
  });
});

describe('docker/.env.example', () => {
  const example = envExample();
  const composeStrings = collectStrings(loadCompose());
  const interpolated = new Set(composeStrings.flatMap(interpolatedNames));

  it('sets only variables the backend knows or docker-compose.yml uses itself', () => {
    const unknown = [...example.keys()].filter((name) => !KNOWN_VARIABLES.includes(name) && !COMPOSE_ONLY_VARIABLES.includes(name) && !BOT_VARIABLES.includes(name));
    expect(unknown).toEqual([]);
    for (const name of COMPOSE_ONLY_VARIABLES) expect({ name, used: interpolated.has(name) }).toEqual({ name, used: true });
  });

  it('lists every variable docker-compose.yml reads, and only those (others would have no effect)', () => {
    expect([...interpolated].filter((name) => !example.has(name))).toEqual([]);
    expect([...example.keys()].filter((name) => !interpolated.has(name))).toEqual([]);
  });

  it('mentions every backend variable (those compose or the image fix, in comments)', () => {
    const text = read(ENV_EXAMPLE);
    expect(KNOWN_VARIABLES.filter((name) => !new RegExp(`\\b${name}\\b`).test(text))).toEqual([]);
  });

  it('leaves the required secrets empty, so a copied example cannot start with placeholder secrets', () => {
    for (const secret of [...REQUIRED_SECRETS, 'POSTGRES_PASSWORD']) expect({ secret, value: example.get(secret) }).toEqual({ secret, value: '' });
    expect(() => interpolatedCompose(Object.fromEntries(example))).toThrow(InterpolationError);
  });

  it('has non-secret values the backend accepts', () => {
    const resolved = interpolatedCompose(operatorEnv());
    expect(() => loadConfig(environmentOf(resolved.services.app))).not.toThrow();
  });
});

describe('docker compose config', () => {
  const candidates: string[][] = [['docker', 'compose'], ['docker-compose']];
  const cli = candidates.find(([command, ...args]) => spawnSync(command, [...args, 'version'], { encoding: 'utf8' }).status === 0);
  if (!cli) {
    // Visible in the run: a skipped test with its reason, and a warning, never a silent pass.
    console.warn('SKIPPED: docker compose config not run: neither `docker compose` nor `docker-compose` is installed');
  }

  (cli ? it : it.skip)(`accepts docker-compose.yml${cli ? '' : ' (SKIPPED: no docker compose CLI on this machine)'}`, () => {
    const [command, ...prefix] = cli!;
    const baseEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? ROOT };
    const run = (env: Record<string, string>) =>
      spawnSync(command, [...prefix, '--env-file', ENV_EXAMPLE, '-f', COMPOSE_FILE, 'config', '-q'], { cwd: ROOT, env: { ...baseEnv, ...env }, encoding: 'utf8' });

    const valid = run(TEST_SECRETS);
    expect({ status: valid.status, stderr: valid.stderr }).toEqual({ status: 0, stderr: expect.any(String) });

    const { JWT_SECRET: _omitted, ...withoutJwtSecret } = TEST_SECRETS;
    const missing = run(withoutJwtSecret);
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toMatch(/JWT_SECRET/);
  }, 30_000);
});
