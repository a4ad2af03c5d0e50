import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { CommonException } from '../common/errors/domain.exception.js';
import type { ListArgsShape } from '../common/graphql/list.js';
import { likePattern, ListQuery } from '../common/graphql/list.js';
import { selectColumns, toEntity } from '../database/entity-columns.js';
import { TransactionService } from '../database/transaction.service.js';
import type { SettingFilter } from './dto/setting-filter.input.js';
import {
  isSettingKey,
  SETTING_DEFINITIONS,
  settingBounds,
  type SettingKey,
  validateSettingCombination,
  validateSettingValue,
} from './setting-definitions.js';
import { Setting } from './setting.entity.js';
import { SettingError, SettingException } from './settings.errors.js';
import { SettingsRepository } from './settings.repository.js';

const CROSS_CHECKED: SettingKey[] = ['product_price', 'product_cost', 'level1_commission_percent', 'level2_commission_percent'];

/**
 * The business settings, for admins: the Setting resource and its validated updates. Nothing
 * reads a value through this service: the statements that need settings read them in their own
 * SQL from the view current_settings (the one way they are read), so every running instance
 * sees a change at once.
 */
@Injectable()
export class SettingsService implements OnModuleInit {
  private readonly logger = new Logger(SettingsService.name);
  private readonly list = new ListQuery<SettingFilter>({
    sortable: { id: 'setting.key', key: 'setting.key', updatedAt: 'setting.updated_at' },
    defaultSort: { field: 'key', order: 'ASC' },
    tieBreaker: 'setting.key',
    idColumn: 'setting.key',
    textIds: true,
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
    @Inject(SettingsRepository) private readonly settings: SettingsRepository,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  /** Inserts any setting added since the database was created, with its default. */
  async onModuleInit(): Promise<void> {
    const keys = Object.keys(SETTING_DEFINITIONS) as SettingKey[];
    const inserted = await this.settings.insertMissing(
      keys.map((key) => ({ key, value: SETTING_DEFINITIONS[key].default, description: SETTING_DEFINITIONS[key].description })),
    );
    if (inserted.length) this.logger.log(`Added settings with their defaults: ${inserted.join(', ')}`);
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
    if (!isSettingKey(key)) throw CommonException.notFound('Setting', key);
    const checked = validateSettingValue(key, value);
    if ('error' in checked) throw new SettingException(SettingError.INVALID_SETTING, checked.error);
    return this.transactions.run(async (manager) => {
      const repository = manager.getRepository(Setting);
      const locked = CROSS_CHECKED.includes(key) ? CROSS_CHECKED : [key];
      const rows = await repository.find({ select: { key: true, value: true }, where: { key: In(locked) }, order: { key: 'ASC' }, lock: { mode: 'pessimistic_write' } });
      const current = Object.fromEntries(rows.map((row) => [row.key, row.value]));
      if (CROSS_CHECKED.includes(key)) {
        const combined = { ...current, [key]: checked.value } as Parameters<typeof validateSettingCombination>[0];
        const problem = validateSettingCombination(combined);
        if (problem) throw new SettingException(SettingError.INVALID_SETTING, problem);
      }
      const { raw } = await repository
        .createQueryBuilder()
        .update()
        .set({ value: checked.value, updatedById: adminId, updatedAt: () => 'now()' })
        .where('key = :key', { key })
        .returning(selectColumns(Setting))
        .execute();
      const saved = present(toEntity(Setting, (raw as Record<string, unknown>[])[0]));
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
