import { Inject, Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { selectColumns, toEntity } from '../database/entity-columns.js';
import { defineStatement, type Statement } from '../database/statement.js';
import { TransactionService } from '../database/transaction.service.js';
import { User } from '../users/user.entity.js';
import { Wallet } from '../wallets/wallet.entity.js';
import { Withdrawal, WithdrawalStatus } from './withdrawal.entity.js';
import type { WithdrawalRiskRow } from './withdrawal-risk.js';

/**
 * The requester's user row (FOR SHARE: a concurrent block either commits first or waits for
 * this request) and then their wallet (FOR UPDATE): the order blocking takes them in.
 */
const LOCK_FOR_REQUEST = defineStatement('withdrawals', 'lockForRequest', ['telegramId: bigint'], `
  WITH owner AS MATERIALIZED (SELECT id FROM users WHERE telegram_id = $1 FOR SHARE)
  SELECT w.user_id FROM owner JOIN wallets w ON w.user_id = owner.id FOR UPDATE OF w
`);

/** What a request is judged on, read after the locks in a statement of its own (so it sees every change committed before them). */
const REQUEST_STATE = defineStatement('withdrawals', 'requestState', ['userId: bigint'], `
  WITH settings AS (
    SELECT min_withdrawal_amount AS minimum, withdrawals_enabled AS enabled FROM current_settings
  )
  SELECT u.id AS user_id, u.status, w.available, settings.minimum, settings.enabled,
         (SELECT count(*)::int FROM withdrawals o WHERE o.user_id = u.id AND o.status IN ('PENDING', 'APPROVED', 'PROCESSING')) AS open_requests
  FROM users u JOIN wallets w ON w.user_id = u.id CROSS JOIN settings
  WHERE u.id = $1
`);

/** available → locked, the PENDING request and its ledger row; no row when less than the amount is available. */
const CREATE_REQUEST = defineStatement('withdrawals', 'createRequest', ['userId: bigint', 'amount: bigint (paise)', 'upiId: text'], `
  WITH moved AS (
    UPDATE wallets SET available = available - $2, locked = locked + $2, updated_at = now()
    WHERE user_id = $1 AND available >= $2
    RETURNING user_id
  ), created AS (
    INSERT INTO withdrawals (user_id, amount, upi_id, status) SELECT user_id, $2, $3, 'PENDING' FROM moved
    RETURNING *
  ), ledger AS (
    INSERT INTO wallet_transactions (user_id, type, from_bucket, bucket, amount, withdrawal_id, actor)
    SELECT user_id, 'WITHDRAWAL_LOCK', 'AVAILABLE', 'LOCKED', amount, id, 'bot' FROM created
  )
  SELECT ${selectColumns(Withdrawal)} FROM created
`);

/** The money a decided withdrawal moves, with its ledger row: one statement per movement, the wallet row already locked. */
export enum WithdrawalMoneyMove {
  /** Rejected, or failed at the provider: locked → available. */
  WITHDRAWAL_UNLOCK = 'WITHDRAWAL_UNLOCK',
  /** Paid: locked → withdrawn. */
  WITHDRAWAL_PAYOUT = 'WITHDRAWAL_PAYOUT',
  /** Returned by the bank after payment: withdrawn → available. */
  WITHDRAWAL_REVERSAL = 'WITHDRAWAL_REVERSAL',
}

const MONEY_PARAMS = ['userId: bigint', 'amount: bigint (paise)', 'withdrawalId: bigint', 'actor: text'];

const MOVE_MONEY: Record<WithdrawalMoneyMove, Statement> = {
  WITHDRAWAL_UNLOCK: defineStatement('withdrawals', 'unlockMoney', MONEY_PARAMS, `
    WITH moved AS (
      UPDATE wallets SET locked = locked - $2, available = available + $2, updated_at = now() WHERE user_id = $1 RETURNING user_id
    )
    INSERT INTO wallet_transactions (user_id, type, from_bucket, bucket, amount, withdrawal_id, actor)
    SELECT user_id, 'WITHDRAWAL_UNLOCK', 'LOCKED', 'AVAILABLE', $2::bigint, $3::bigint, $4::text FROM moved
  `),
  WITHDRAWAL_PAYOUT: defineStatement('withdrawals', 'payOutMoney', MONEY_PARAMS, `
    WITH moved AS (
      UPDATE wallets SET locked = locked - $2, withdrawn = withdrawn + $2, updated_at = now() WHERE user_id = $1 RETURNING user_id
    )
    INSERT INTO wallet_transactions (user_id, type, from_bucket, bucket, amount, withdrawal_id, actor)
    SELECT user_id, 'WITHDRAWAL_PAYOUT', 'LOCKED', 'WITHDRAWN', $2::bigint, $3::bigint, $4::text FROM moved
  `),
  WITHDRAWAL_REVERSAL: defineStatement('withdrawals', 'reverseMoney', MONEY_PARAMS, `
    WITH moved AS (
      UPDATE wallets SET withdrawn = withdrawn - $2, available = available + $2, updated_at = now() WHERE user_id = $1 RETURNING user_id
    )
    INSERT INTO wallet_transactions (user_id, type, from_bucket, bucket, amount, withdrawal_id, actor)
    SELECT user_id, 'WITHDRAWAL_REVERSAL', 'WITHDRAWN', 'AVAILABLE', $2::bigint, $3::bigint, $4::text FROM moved
  `),
};

/** One statement for a page of withdrawals' risk; every subquery runs on an index. */
export const WITHDRAWAL_RISK = defineStatement('withdrawals', 'risks', ['withdrawalIds: bigint[]'], `
  SELECT w.id, w.status, u.status AS "userStatus", u.created_at AS "accountCreatedAt",
         (SELECT count(*)::int FROM fraud_flags f WHERE f.user_id = w.user_id AND f.status = 'OPEN') AS "openFlags",
         coalesce(wa.total_earned, 0) AS "totalEarned", coalesce(wa.withdrawn, 0) AS "totalWithdrawn",
         (SELECT count(DISTINCT o.user_id)::int FROM withdrawals o WHERE lower(o.upi_id) = lower(w.upi_id) AND o.user_id <> w.user_id) AS "sameUpiUsers"
    FROM withdrawals w
    JOIN users u ON u.id = w.user_id
    LEFT JOIN wallets wa ON wa.user_id = w.user_id
   WHERE w.id = ANY($1::bigint[])
`);

/**
 * The withdrawals' data access. A request (the bot's, frequent) is three defined statements;
 * an admin's or the provider's decision locks and updates through TypeORM, its money moving in
 * one defined statement per movement. Locks: user row, then wallet, then withdrawal, as
 * everywhere.
 */
@Injectable()
export class WithdrawalsRepository {
  constructor(@Inject(TransactionService) private readonly transactions: TransactionService) {}

  /** Locks the requester's user row (FOR SHARE) and wallet (FOR UPDATE); their user id, or undefined when unknown. */
  async lockForRequest(telegramId: number): Promise<number | undefined> {
    return (await this.transactions.row<{ user_id: number }>(LOCK_FOR_REQUEST, [telegramId]))?.user_id;
  }

  requestState(userId: number) {
    return this.transactions.row<{ user_id: number; status: string; available: number; minimum: number; enabled: boolean; open_requests: number }>(REQUEST_STATE, [userId]);
  }

  /** The new PENDING request with its money locked, or undefined when less than `amount` is available. */
  async createRequest(userId: number, amount: number, upiId: string): Promise<Withdrawal | undefined> {
    const row = await this.transactions.row(CREATE_REQUEST, [userId, amount, upiId]);
    return row && toEntity(Withdrawal, row);
  }

  /** Locks the wallet of the withdrawal's owner (FOR UPDATE); their user id, or undefined when there is no such withdrawal. */
  async lockOwnerWallet(manager: EntityManager, withdrawalId: number): Promise<number | undefined> {
    const row = await manager
      .createQueryBuilder(Wallet, 'wallet')
      .select('wallet.userId', 'userId')
      .where('wallet.user_id = (SELECT w.user_id FROM withdrawals w WHERE w.id = :withdrawalId)', { withdrawalId })
      .setLock('pessimistic_write')
      .getRawOne<{ userId: number }>();
    return row?.userId;
  }

  /** Locks a user's wallet (FOR UPDATE). */
  async lockWallet(manager: EntityManager, userId: number): Promise<void> {
    await manager.createQueryBuilder(Wallet, 'wallet').select('wallet.userId', 'userId').where('wallet.user_id = :userId', { userId }).setLock('pessimistic_write').getRawOne();
  }

  /** The withdrawal, locked FOR UPDATE (its wallet is to be locked first). */
  lockWithdrawal(manager: EntityManager, withdrawalId: number): Promise<Withdrawal | null> {
    return manager.getRepository(Withdrawal).findOne({ where: { id: withdrawalId }, lock: { mode: 'pessimistic_write' } });
  }

  /** The user's open request an admin can still decide (PENDING or APPROVED), if any. */
  findDecidableOfUser(manager: EntityManager, userId: number): Promise<Withdrawal | null> {
    return manager.getRepository(Withdrawal).findOneBy({ userId, status: In([WithdrawalStatus.PENDING, WithdrawalStatus.APPROVED]) });
  }

  async userStatus(manager: EntityManager, userId: number): Promise<string | undefined> {
    return (await manager.getRepository(User).findOne({ select: { id: true, status: true }, where: { id: userId } }))?.status;
  }

  /** Moves the withdrawal to `changes.status` only from one of `from`; the changed row, or undefined when it was not in one of them. */
  async changeStatus(
    manager: EntityManager,
    withdrawalId: number,
    from: WithdrawalStatus[],
    changes: QueryDeepPartialEntity<Withdrawal> & { status: WithdrawalStatus },
  ): Promise<Withdrawal | undefined> {
    const { raw } = await manager
      .createQueryBuilder()
      .update(Withdrawal)
      .set({ ...changes, updatedAt: () => 'now()' })
      .where('id = :withdrawalId AND status IN (:...from)', { withdrawalId, from })
      .returning(selectColumns(Withdrawal))
      .execute();
    const row = (raw as Record<string, unknown>[])[0];
    return row && toEntity(Withdrawal, row);
  }

  /** The decided withdrawal's money, with its ledger row (the wallet row is locked already). */
  async moveMoney(move: WithdrawalMoneyMove, withdrawal: Pick<Withdrawal, 'id' | 'userId' | 'amount'>, actor: string): Promise<void> {
    await this.transactions.execute(MOVE_MONEY[move], [withdrawal.userId, withdrawal.amount, withdrawal.id, actor]);
  }

  findOne(withdrawalId: number): Promise<Withdrawal | null> {
    return this.transactions.manager.getRepository(Withdrawal).findOneBy({ id: withdrawalId });
  }

  /** The risk figures of these withdrawals (one statement for a page). */
  risks(withdrawalIds: readonly number[]): Promise<WithdrawalRiskRow[]> {
    return this.transactions.rows<WithdrawalRiskRow & Record<string, unknown>>(WITHDRAWAL_RISK, [withdrawalIds]);
  }
}
