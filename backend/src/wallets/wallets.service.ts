import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CommonException } from '../common/errors/domain.exception.js';
import { parseTelegramId } from '../common/graphql/ids.js';
import { type ListArgsShape, ListQuery } from '../common/graphql/list.js';
import type { ReconciliationReport, WalletDrift, WalletTransactionFilter } from './dto/wallet.inputs.js';
import { Wallet, WalletTransaction } from './wallet.entity.js';
import { WalletsRepository } from './wallets.repository.js';

/** Reads of wallets and the ledger, and the reconciliation that checks one against the other. */
@Injectable()
export class WalletsService {
  private readonly list = new ListQuery<WalletTransactionFilter>({
    sortable: { id: 't.id', createdAt: 't.created_at', amount: 't.amount', type: 't.type', userId: 't.user_id' },
    defaultSort: { field: 'id', order: 'DESC' },
    tieBreaker: 't.id',
    applyFilter: (query, filter) => {
      // The ledger is searched by what an admin holds in hand: an entry, order or withdrawal id,
      // or who caused it (`bot`, `system`, `admin:<id>`).
      const text = filter.q?.trim();
      if (text && /^\d{1,18}$/.test(text)) query.andWhere('(t.id = :exact OR t.order_id = :exact OR t.withdrawal_id = :exact)', { exact: text });
      else if (text) query.andWhere('t.actor = :actor', { actor: text.toLowerCase() });
      if (filter.userId) query.andWhere('t.user_id = :userId', { userId: filter.userId });
      if (filter.type) query.andWhere('t.type = :type', { type: filter.type });
      if (filter.bucket) query.andWhere('t.bucket = :bucket', { bucket: filter.bucket });
      if (filter.orderId) query.andWhere('t.order_id = :orderId', { orderId: filter.orderId });
      if (filter.withdrawalId) query.andWhere('t.withdrawal_id = :withdrawalId', { withdrawalId: filter.withdrawalId });
    },
  });

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(WalletsRepository) private readonly repository: WalletsRepository,
  ) {}

  async byTelegramId(telegramId: string): Promise<Wallet> {
    const wallet = await this.dataSource
      .getRepository(Wallet)
      .createQueryBuilder('w')
      .innerJoin('users', 'u', 'u.id = w.user_id')
      .where('u.telegram_id = :telegramId', { telegramId: parseTelegramId(telegramId) })
      .getOne();
    if (!wallet) throw CommonException.notFound('User with telegramId', telegramId);
    return wallet;
  }

  /** When the user's earliest PENDING commission is released; null when none is pending. */
  nextReleaseAt(userId: number | string): Promise<Date | null> {
    return this.repository.nextReleaseAt(userId);
  }

  /** A user's ledger, newest first. */
  async transactions(telegramId: string, page: number, perPage: number): Promise<WalletTransaction[]> {
    const wallet = await this.byTelegramId(telegramId);
    return this.dataSource.getRepository(WalletTransaction).find({
      where: { userId: wallet.userId },
      order: { id: 'DESC' },
      skip: page * perPage,
      take: perPage,
    });
  }

  findTransaction(id: number): Promise<WalletTransaction | null> {
    return this.dataSource.getRepository(WalletTransaction).findOneBy({ id });
  }

  findAllTransactions(args: ListArgsShape<WalletTransactionFilter>): Promise<WalletTransaction[]> {
    return this.list.rows(this.transactionQuery(), args);
  }

  countTransactions(args: ListArgsShape<WalletTransactionFilter>): Promise<number> {
    return this.list.count(this.transactionQuery(), args);
  }

  private transactionQuery() {
    return this.dataSource.getRepository(WalletTransaction).createQueryBuilder('t');
  }

  /**
   * Recomputes every wallet from the ledger and checks pending against the PENDING
   * commissions. Lists each difference; an empty list means the books balance.
   */
  async reconcile(): Promise<ReconciliationReport> {
    const rows = await this.repository.findDrift();
    const checked = rows[0]?.wallets ?? (await this.repository.countWallets());
    const drift: WalletDrift[] = rows.map((row) => ({ userId: row.user_id, field: row.field, cached: Number(row.cached), expected: Number(row.expected) }));
    return { checkedWallets: checked, driftedWallets: new Set(drift.map((d) => d.userId)).size, drift, checkedAt: new Date() };
  }
}
