import { SETTING_DEFINITIONS, type SettingKey } from './setting-definitions.js';
import { SettingValueType } from './setting.entity.js';

/** The SQL type a setting's JSON value is read as, from its definition's type. */
const SQL_TYPE: Record<SettingValueType, string> = {
  [SettingValueType.MONEY]: 'bigint',
  [SettingValueType.PERCENT]: 'numeric',
  [SettingValueType.HOURS]: 'int',
  [SettingValueType.INTEGER]: 'int',
  [SettingValueType.BOOLEAN]: 'boolean',
  [SettingValueType.STRING]: 'text',
  [SettingValueType.ENUM]: 'text',
};

function literal(value: string | number | boolean, type: string): string {
  return typeof value === 'string' ? `'${value.replace(/'/g, "''")}'::${type}` : `${String(value)}::${type}`;
}

/**
 * One setting's current value as a typed SQL expression over `system_settings` rows, or its
 * default when the row is missing: an aggregate, for a `SELECT … FROM system_settings` that
 * answers the settings a statement needs as one row (see `settingsRow`).
 */
export function settingValueSql(key: SettingKey): string {
  const definition = SETTING_DEFINITIONS[key];
  const type = SQL_TYPE[definition.type];
  const aggregate = type === 'boolean' ? 'bool_and' : 'max';
  return `coalesce(${aggregate}((value #>> '{}')::${type}) FILTER (WHERE key = '${key}'), ${literal(definition.default, type)})`;
}

/**
 * The one way SQL reads settings: `SELECT <value> AS <column>, … FROM system_settings WHERE key
 * IN (…)`, one row whatever is stored, each value typed by its definition and defaulted by it.
 * A statement reads them in its own text (a CTE), so every instance sees a change at once and
 * the settings cost no round trip of their own.
 */
export function settingsRow(columns: Record<string, SettingKey>): string {
  const keys = [...new Set(Object.values(columns))];
  const values = Object.entries(columns).map(([column, key]) => `${settingValueSql(key)} AS ${column}`);
  return `SELECT ${values.join(',\n       ')}
  FROM system_settings WHERE key IN (${keys.map((key) => `'${key}'`).join(', ')})`;
}
