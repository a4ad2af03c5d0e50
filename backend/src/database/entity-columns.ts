import { getMetadataArgsStorage, type ValueTransformer } from 'typeorm';

/** One mapped column of an entity, read from its TypeORM decorators. */
export interface EntityColumn {
  /** The TypeScript property (and the alias a raw SELECT gives the column). */
  property: string;
  /** The database column (the decorator's `name`, else the property: the default naming strategy). */
  column: string;
  /** Whether a plain entity read selects it (`select: false` hides secrets such as password hashes). */
  selected: boolean;
  transformer?: ValueTransformer | ValueTransformer[];
}

type EntityClass = abstract new (...args: never[]) => object;

const cache = new Map<EntityClass, EntityColumn[]>();

/**
 * The entity's columns, from its decorators (the one place they are declared), so a raw
 * statement's column list and row mapping cannot drift from the entity: a new column appears in
 * both without anyone retyping it.
 */
export function entityColumns(entity: EntityClass): EntityColumn[] {
  let columns = cache.get(entity);
  if (!columns) {
    columns = getMetadataArgsStorage()
      .columns.filter((c) => c.target === entity || (typeof c.target === 'function' && entity.prototype instanceof c.target))
      .map((c) => ({
        property: c.propertyName,
        column: c.options.name ?? c.propertyName,
        selected: c.options.select !== false,
        transformer: c.options.transformer,
      }));
    if (!columns.length) throw new Error(`${entity.name} has no mapped columns`);
    cache.set(entity, columns);
  }
  return columns;
}

/**
 * `alias.column AS "property", …` for a raw SELECT or RETURNING of the entity's selected
 * columns (`alias` optional: RETURNING names no table).
 */
export function selectColumns(entity: EntityClass, alias?: string): string {
  const prefix = alias ? `${alias}.` : '';
  return entityColumns(entity)
    .filter((c) => c.selected)
    .map((c) => (c.column === c.property && !/[A-Z]/.test(c.column) ? `${prefix}${c.column}` : `${prefix}${c.column} AS "${c.property}"`))
    .join(', ');
}

function fromDatabase(value: unknown, transformer: ValueTransformer | ValueTransformer[] | undefined): unknown {
  if (!transformer) return value;
  // TypeORM applies an array of transformers in reverse order when reading.
  const chain = Array.isArray(transformer) ? [...transformer].reverse() : [transformer];
  return chain.reduce((v, t) => t.from(v), value);
}

/**
 * A raw row (selected with `selectColumns`) as an instance of the entity, through the same
 * transformers an entity read applies. Properties the row does not carry stay unset.
 */
export function toEntity<T extends object>(entity: new () => T, row: Record<string, unknown>): T {
  const instance = new entity() as Record<string, unknown>;
  for (const c of entityColumns(entity)) {
    if (c.property in row) instance[c.property] = fromDatabase(row[c.property], c.transformer);
  }
  return instance as T;
}
