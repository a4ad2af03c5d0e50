import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { BadInputException, NotFoundException } from '../common/errors/domain.exception.js';
import type { ListArgsShape } from '../common/graphql/list.js';
import { likePattern, ListQuery } from '../common/graphql/list.js';
import { TransactionService } from '../database/transaction.service.js';
import type { SettingFilter } from './dto/setting-filter.input.js';
import {
  isSettingKey,
  SETTING_DEFINITIONS,
  settingBounds,
  type SettingKey,
  type SettingValues,
  validateSettingCombination,
  validateSettingValue,
} from './setting-definitions.js';
import { Setting } from './setting.entity.js';

const CROSS_CHECKED: SettingKey[] = ['product_price', 'product_cost', 'level1_commission_percent', 'level2_commission_percent'];

/**
 * The business settings. Values are read from the database on every use (one indexed read of a
 * small table), so every running instance sees a change at once; the money paths read them
 * inside their own SQL instead.
 */
@Injectable()
export class SettingsService implements OnModuleInit {
  private readonly logger = new Logger(SettingsService.name);
  private readonly list = new ListQuery<SettingFilter>({
    sortable: { id: 'setting.key', key: 'setting.key', updatedAt: 'setting.updated_at' },
    defaultSort: { field: 'key', order: 'ASC' },
    tieBreaker: 'setting.key',
    idColumn: 'setting.key',
    applyFilter: (query, filter) => {
      if (filter.q) query.andWhere('(setting.key ILIKE :q OR setting.description ILIKE :q)', { q: likePattern(filter.q) });
      if (filter.valueType) {
        const keys = Object.entries(SETTING_DEFINITIONS).filter(([, d]) => d.type === filter.valueType).map(([key]) => key);
        query.andWhere('setting.key IN (:...typedKeys)', { typedKeys: keys.length ? keys : [''] });
      }
    },
  });

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(TransactionService) private readonly transactions: TransactionService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  /** Inserts any setting added since the database was created, with its default. */
  async onModuleInit(): Promise<void> {
    const keys = Object.keys(SETTING_DEFINITIONS) as SettingKey[];
    const inserted = await this.dataSource.query<{ key: string }[]>(
      `INSERT INTO system_settings (key, value, description)
       SELECT key, value, description FROM jsonb_to_recordset($1::jsonb) AS s(key varchar, value jsonb, description text)
       ON CONFLICT (key) DO NOTHING RETURNING key`,
      [JSON.stringify(keys.map((key) => ({ key, value: SETTING_DEFINITIONS[key].default, description: SETTING_DEFINITIONS[key].description })))],
    );
    if (inserted.length) this.logger.log(`Added settings with their defaults: ${inserted.map((row) => row.key).join(', ')}`);
  }

  /** Every setting's current value, typed. */
  async values(): Promise<SettingValues> {
    const rows = await this.transactions.manager.query<{ key: string; value: unknown }[]>('SELECT key, value FROM system_settings');
    const values: Record<string, unknown> = Object.fromEntries(Object.entries(SETTING_DEFINITIONS).map(([key, definition]) => [key, definition.default]));
    for (const row of rows) if (isSettingKey(row.key)) values[row.key] = row.value;
    return values as unknown as SettingValues;
  }

  async value<K extends SettingKey>(key: K): Promise<SettingValues[K]> {
    const [row] = await this.transactions.manager.query<{ value: SettingValues[K] }[]>('SELECT value FROM system_settings WHERE key = $1', [key]);
    return row ? row.value : (SETTING_DEFINITIONS[key].default as SettingValues[K]);
  }

  async findOne(key: string): Promise<Setting | null> {
    if (!isSettingKey(key)) return null;
    const row = await this.dataSource.getRepository(Setting).findOneBy({ key });
    return row && present(row);
  }

  async findAll(args: ListArgsShape<SettingFilter>): Promise<Setting[]> {
    const rows = await this.list.rows(this.query(), args);
    return rows.map(present);
  }

  count(args: ListArgsShape<SettingFilter>): Promise<number> {
    return this.list.count(this.query(), args);
  }

  private query() {
    return this.dataSource.getRepository(Setting).createQueryBuilder('setting').where('setting.key IN (:...knownKeys)', { knownKeys: Object.keys(SETTING_DEFINITIONS) });
  }

  /** Validates and stores one value; related keys are locked so two updates cannot break price > cost together. */
  async update(key: string, value: unknown, adminId: number): Promise<Setting> {
    if (!isSettingKey(key)) throw new NotFoundException('Setting', key);
    const checked = validateSettingValue(key, value);
    if ('error' in checked) throw new BadInputException(checked.error, 'INVALID_SETTING');
    return this.transactions.run(async (manager) => {
      const locked = CROSS_CHECKED.includes(key) ? CROSS_CHECKED : [key];
      const rows = await manager.query<{ key: string; value: unknown }[]>(
        'SELECT key, value FROM system_settings WHERE key = ANY($1) ORDER BY key FOR UPDATE',
        [locked],
      );
      const current = Object.fromEntries(rows.map((row) => [row.key, row.value]));
      if (CROSS_CHECKED.includes(key)) {
        const combined = { ...current, [key]: checked.value } as Parameters<typeof validateSettingCombination>[0];
        const problem = validateSettingCombination(combined);
        if (problem) throw new BadInputException(problem, 'INVALID_SETTING');
      }
      // TypeORM answers an UPDATE … RETURNING with [rows, affected count]
      const [[updated]] = await manager.query<[Setting[], number]>(
        `UPDATE system_settings SET value = $2::jsonb, updated_by_id = $3, updated_at = now() WHERE key = $1
         RETURNING key, value, description, updated_by_id AS "updatedById", updated_at AS "updatedAt"`,
        [key, JSON.stringify(checked.value), adminId],
      );
      const saved = present(Object.assign(new Setting(), updated));
      this.audit.describe({ targetType: 'Setting', targetId: key, before: { key, value: current[key] }, after: { key, value: saved.value } });
      return saved;
    });
  }
}

function present(row: Setting): Setting {
  const definition = isSettingKey(row.key) ? SETTING_DEFINITIONS[row.key] : undefined;
  return Object.assign(row, {
    id: row.key,
    valueType: definition?.type,
    options: definition && 'options' in definition ? [...definition.options] : undefined,
    min: definition ? (settingBounds(definition)?.min ?? null) : null,
    max: definition ? (settingBounds(definition)?.max ?? null) : null,
  });
}
