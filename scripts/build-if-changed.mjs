// node scripts/build-if-changed.mjs <label> --inputs a,b,... --outputs x,y,... -- <command ...>
//
// Runs the build command only when an output is missing or older than the newest input (files,
// or folders searched recursively; a deleted file changes its folder's time), so a second
// `npm start` with no change starts at once. FORCE_BUILD=1 always builds. Paths are relative to
// the working directory (the workspace, under npm run).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';

const separator = process.argv.indexOf('--');
const [label, ...options] = process.argv.slice(2, separator);
const command = process.argv.slice(separator + 1);
const list = (name) => (options[options.indexOf(`--${name}`) + 1] ?? '').split(',').filter(Boolean);
const inputs = list('inputs');
const outputs = list('outputs');
if (separator < 0 || !label || !command.length || !inputs.length || !outputs.length) {
  console.error('usage: build-if-changed.mjs <label> --inputs a,b --outputs x,y -- <command ...>');
  process.exit(64);
}

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const builtAt = outputs.every((path) => existsSync(path)) ? Math.min(...outputs.map((path) => statSync(path).mtimeMs)) : 0;
if (process.env.FORCE_BUILD !== '1' && builtAt > Math.max(...inputs.map(newest))) {
  console.log(`${label}: up to date, not rebuilt (FORCE_BUILD=1 to rebuild)`);
  process.exit(0);
}
const result = spawnSync(command[0], command.slice(1), { stdio: 'inherit' });
// An incremental compiler leaves unchanged outputs untouched: mark them as built now.
if (result.status === 0) for (const path of outputs) if (existsSync(path)) utimesSync(path, new Date(), new Date());
process.exit(result.status ?? 1);
