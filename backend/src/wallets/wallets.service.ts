import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotFoundException } from '../common/errors/domain.exception.js';
import { parseTelegramId } from '../common/graphql/ids.js';
import type { ReconciliationReport, WalletDrift } from './dto/wallet.inputs.js';
import { Wallet, WalletTransaction } from './wallet.entity.js';

const DRIFT_LIMIT = 1000;

/** Reads of wallets and the ledger, and the reconciliation that checks one against the other. */
@Injectable()
export class WalletsService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async byTelegramId(telegramId: string): Promise<Wallet> {
    const wallet = await this.dataSource
      .getRepository(Wallet)
      .createQueryBuilder('w')
      .innerJoin('users', 'u', 'u.id = w.user_id')
      .where('u.telegram_id = :telegramId', { telegramId: parseTelegramId(telegramId) })
      .getOne();
    if (!wallet) throw new NotFoundException('User with telegramId', telegramId);
    return wallet;
  }

  /** When the user's earliest PENDING commission is released (commissions_beneficiary_idx); null when none is pending. */
  async nextReleaseAt(userId: number | string): Promise<Date | null> {
    const [row] = await this.dataSource.query<{ at: Date | null }[]>(
      `SELECT min(release_at) AS at FROM commissions WHERE beneficiary_id = $1 AND status = 'PENDING'`,
      [userId],
    );
    return row?.at ?? null;
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

  /**
   * Recomputes every wallet from the ledger (each bucket is the sum of its entries less the
   * transfers out of it; earned is
   * credits less reversals and clawbacks) and checks pending against the PENDING commissions.
   * Lists each difference; an empty list means the books balance.
   */
  async reconcile(): Promise<ReconciliationReport> {
    const rows = await this.dataSource.query<{ user_id: number; field: string; cached: string; expected: string; wallets: number }[]>(
      `WITH ledger AS (
         SELECT user_id,
                sum(CASE WHEN bucket = 'PENDING' THEN amount WHEN from_bucket = 'PENDING' THEN -amount END) AS pending,
                sum(CASE WHEN bucket = 'AVAILABLE' THEN amount WHEN from_bucket = 'AVAILABLE' THEN -amount END) AS available,
                sum(CASE WHEN bucket = 'LOCKED' THEN amount WHEN from_bucket = 'LOCKED' THEN -amount END) AS locked,
                sum(CASE WHEN bucket = 'WITHDRAWN' THEN amount WHEN from_bucket = 'WITHDRAWN' THEN -amount END) AS withdrawn,
                sum(amount) FILTER (WHERE type IN ('COMMISSION_CREDIT', 'COMMISSION_REVERSAL', 'CLAWBACK')) AS earned
         FROM wallet_transactions GROUP BY user_id
       ), pending_commissions AS (
         SELECT beneficiary_id AS user_id, sum(amount) AS amount FROM commissions WHERE status = 'PENDING' GROUP BY beneficiary_id
       ), compared AS (
         SELECT w.user_id, f.field, f.cached, f.expected
         FROM wallets w
         LEFT JOIN ledger l ON l.user_id = w.user_id
         LEFT JOIN pending_commissions pc ON pc.user_id = w.user_id
         CROSS JOIN LATERAL (VALUES
           ('pending', w.pending::numeric, coalesce(l.pending, 0)),
           ('available', w.available::numeric, coalesce(l.available, 0)),
           ('locked', w.locked::numeric, coalesce(l.locked, 0)),
           ('withdrawn', w.withdrawn::numeric, coalesce(l.withdrawn, 0)),
           ('totalEarned', w.total_earned::numeric, coalesce(l.earned, 0)),
           ('pendingCommissions', w.pending::numeric, coalesce(pc.amount, 0))
         ) AS f(field, cached, expected)
         WHERE f.cached <> f.expected
       )
       SELECT user_id, field, cached::text, expected::text, (SELECT count(*)::int FROM wallets) AS wallets
       FROM compared ORDER BY user_id, field LIMIT ${DRIFT_LIMIT}`,
    );
    const checked = rows[0]?.wallets ?? (await this.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM wallets'))[0].n;
    const drift: WalletDrift[] = rows.map((row) => ({ userId: row.user_id, field: row.field, cached: Number(row.cached), expected: Number(row.expected) }));
    return { checkedWallets: checked, driftedWallets: new Set(drift.map((d) => d.userId)).size, drift, checkedAt: new Date() };
  }
}
