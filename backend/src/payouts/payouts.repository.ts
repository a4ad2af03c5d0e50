import { Inject, Injectable } from '@nestjs/common';
import { selectColumns, toEntity } from '../database/entity-columns.js';
import { defineStatement } from '../database/statement.js';
import { TransactionService } from '../database/transaction.service.js';
import { Withdrawal } from '../withdrawals/withdrawal.entity.js';

/** Key of the transaction advisory lock that keeps one status check running across instances. */
const STATUS_CHECK_LOCK_KEY = 0x07770015;
/** A payout PROCESSING this long without news is asked about (a missed webhook must not strand money). */
const STATUS_CHECK_AFTER = '1 hour';
/** A send whose answer never came (crash, timeouts) is sent again, with the same key, after this long. */
const RESEND_AFTER = '5 minutes';
const STATUS_CHECK_BATCH = 200;

/** A withdrawal as a payout sees it: the withdrawal, its payee's name and whether its user may be paid. */
export interface SendRow extends Withdrawal {
  /** The RazorpayX contact's name: the user's name, else "User <telegram id>", at most 50 characters. */
  contactName: string;
  userStatus: string;
  /** The user's OPEN fraud flags. */
  openFlags: number;
}

export type PayoutEventOutcome = 'PROCESSED' | 'IGNORED' | 'UNMATCHED';

const FIND_SEND_ROWS = defineStatement('payouts', 'findSendRows', ['withdrawalIds: bigint[]'], `
  SELECT ${selectColumns(Withdrawal, 'w')},
         left(coalesce(nullif(trim(concat_ws(' ', u.first_name, u.last_name)), ''), 'User ' || u.telegram_id), 50) AS "contactName",
         u.status AS "userStatus",
         (SELECT count(*)::int FROM fraud_flags f WHERE f.user_id = w.user_id AND f.status = 'OPEN') AS "openFlags"
  FROM withdrawals w JOIN users u ON u.id = w.user_id
  WHERE w.id = ANY($1::bigint[])
  ORDER BY w.id
`);

const FIND_WITHDRAWALS = defineStatement('payouts', 'findWithdrawals', ['withdrawalIds: bigint[]'], `
  SELECT ${selectColumns(Withdrawal)}
  FROM withdrawals
  WHERE id = ANY($1::bigint[])
  ORDER BY id
`);

// user rows, then wallets, then withdrawals: the order blocking and requests take them
const LOCK_USERS = defineStatement('payouts', 'lockUsersOfWithdrawals', ['withdrawalIds: bigint[]'], `
  SELECT 1 FROM users WHERE id IN (SELECT user_id FROM withdrawals WHERE id = ANY($1::bigint[])) ORDER BY id FOR SHARE
`);

const LOCK_WALLETS = defineStatement('payouts', 'lockWalletsOfWithdrawals', ['withdrawalIds: bigint[]'], `
  SELECT 1 FROM wallets WHERE user_id IN (SELECT user_id FROM withdrawals WHERE id = ANY($1::bigint[])) ORDER BY user_id FOR UPDATE
`);

const LOCK_WITHDRAWALS = defineStatement('payouts', 'lockWithdrawals', ['withdrawalIds: bigint[]'], `
  SELECT 1 FROM withdrawals WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE
`);

const CLAIM_FOR_SENDING = defineStatement('payouts', 'claimForSending', ['withdrawalIds: bigint[]', 'adminId: bigint'], `
  UPDATE withdrawals SET status = 'PROCESSING', sent_at = now(), status_checked_at = NULL, failure_reason = NULL,
         decided_by_id = $2, updated_at = now()
  WHERE id = ANY($1::bigint[]) AND status = 'APPROVED'
`);

const NOTE_UNCONFIRMED_SEND = defineStatement('payouts', 'noteUnconfirmedSend', ['withdrawalId: bigint', 'failureReason: text'], `
  UPDATE withdrawals SET failure_reason = $2
  WHERE id = $1 AND status = 'PROCESSING' AND provider_payout_id IS NULL
`);

const RETURN_REFUSED_SEND = defineStatement('payouts', 'returnRefusedSend', ['withdrawalId: bigint', 'failureReason: text'], `
  UPDATE withdrawals SET status = 'APPROVED', sent_at = NULL, failure_reason = $2, updated_at = now()
  WHERE id = $1 AND status = 'PROCESSING' AND provider_payout_id IS NULL
`);

const TRY_STATUS_CHECK_LOCK = defineStatement('payouts', 'tryStatusCheckLock', [], `
  SELECT pg_try_advisory_xact_lock(${STATUS_CHECK_LOCK_KEY}) AS locked
`);

const CLAIM_DUE_FOR_STATUS_CHECK = defineStatement('payouts', 'claimDueForStatusCheck', [], `
  UPDATE withdrawals SET status_checked_at = now()
  WHERE id IN (
    SELECT id FROM withdrawals WHERE status = 'PROCESSING' AND (
      (provider_payout_id IS NOT NULL AND coalesce(status_checked_at, sent_at) < now() - interval '${STATUS_CHECK_AFTER}')
      OR (provider_payout_id IS NULL AND coalesce(status_checked_at, sent_at) < now() - interval '${RESEND_AFTER}'))
    ORDER BY coalesce(status_checked_at, sent_at) LIMIT ${STATUS_CHECK_BATCH})
  RETURNING id
`);

const RECORD_EVENT = defineStatement('payouts', 'recordEvent', ['eventKey: text', 'type: text', 'providerPayoutId: text', 'body: text'], `
  INSERT INTO payout_events (event_key, type, provider_payout_id, outcome, body) VALUES ($1, $2, $3, 'IGNORED', $4)
  ON CONFLICT (event_key) DO NOTHING
  RETURNING id
`);

const SET_EVENT_OUTCOME = defineStatement('payouts', 'setEventOutcome', ['eventId: bigint', 'outcome: text', 'withdrawalId: bigint', 'note: text'], `
  UPDATE payout_events SET outcome = $2, withdrawal_id = $3, note = $4 WHERE id = $1
`);

const MATCH_WITHDRAWAL = defineStatement('payouts', 'matchWithdrawal', ['providerPayoutId: text', 'referencedWithdrawalId: bigint'], `
  SELECT id FROM withdrawals WHERE provider_payout_id = $1
  UNION ALL
  SELECT id FROM withdrawals WHERE id = $2 AND (provider_payout_id IS NULL OR provider_payout_id = $1)
  LIMIT 1
`);

const RECORD_PROVIDER_STATUS = defineStatement('payouts', 'recordProviderStatus', ['withdrawalId: bigint', 'providerPayoutId: text', 'providerStatus: text'], `
  UPDATE withdrawals SET provider_payout_id = coalesce(provider_payout_id, $2), provider_status = $3, failure_reason = NULL, updated_at = now()
  WHERE id = $1
`);

const RECORD_UTR = defineStatement('payouts', 'recordUtr', ['withdrawalId: bigint', 'utr: text'], `
  UPDATE withdrawals SET payout_reference = $2, updated_at = now() WHERE id = $1
`);

/**
 * The payouts' statements: the withdrawals a payout reads and claims, the lock order of a send,
 * the status check's claim, and the payout events received. Each runs in the caller's open
 * transaction (`TransactionService.run`), else on its own.
 */
@Injectable()
export class PayoutsRepository {
  constructor(@Inject(TransactionService) private readonly transactions: TransactionService) {}

  /** The withdrawals with their payee's name and hold state, in id order (missing ids are absent). */
  async findSendRows(withdrawalIds: readonly number[]): Promise<SendRow[]> {
    const rows = await this.transactions.rows<Record<string, unknown> & Pick<SendRow, 'contactName' | 'userStatus' | 'openFlags'>>(FIND_SEND_ROWS, [withdrawalIds]);
    return rows.map((row) => Object.assign(toEntity(Withdrawal, row), { contactName: row.contactName, userStatus: row.userStatus, openFlags: row.openFlags }));
  }

  /** The withdrawals, in id order. */
  async findWithdrawals(withdrawalIds: readonly number[]): Promise<Withdrawal[]> {
    return (await this.transactions.rows(FIND_WITHDRAWALS, [withdrawalIds])).map((row) => toEntity(Withdrawal, row));
  }

  /** Locks what a send changes, in the order blocking and withdrawal requests take it: users (shared), wallets, withdrawals. */
  async lockForSending(withdrawalIds: readonly number[]): Promise<void> {
    await this.transactions.execute(LOCK_USERS, [withdrawalIds]);
    await this.transactions.execute(LOCK_WALLETS, [withdrawalIds]);
    await this.transactions.execute(LOCK_WITHDRAWALS, [withdrawalIds]);
  }

  /** APPROVED → PROCESSING, sent now by this admin (the rows are locked by `lockForSending`). */
  async claimForSending(withdrawalIds: readonly number[], adminId: number | string): Promise<void> {
    await this.transactions.execute(CLAIM_FOR_SENDING, [withdrawalIds, adminId]);
  }

  /** A send whose answer did not come: it stays PROCESSING with the reason; the status check resends it. */
  async noteUnconfirmedSend(withdrawalId: number, failureReason: string): Promise<void> {
    await this.transactions.execute(NOTE_UNCONFIRMED_SEND, [withdrawalId, failureReason]);
  }

  /** A send the provider refused outright (no payout made): PROCESSING → APPROVED with the reason. */
  async returnRefusedSend(withdrawalId: number, failureReason: string): Promise<void> {
    await this.transactions.execute(RETURN_REFUSED_SEND, [withdrawalId, failureReason]);
  }

  /** The status check's transaction advisory lock: false when another runner holds it. */
  async tryStatusCheckLock(): Promise<boolean> {
    return (await this.transactions.row<{ locked: boolean }>(TRY_STATUS_CHECK_LOCK, []))!.locked;
  }

  /**
   * Claims (stamps status_checked_at on) up to a batch of PROCESSING withdrawals due for a
   * status check: sent over an hour ago without news, or never confirmed for five minutes.
   */
  async claimDueForStatusCheck(): Promise<number[]> {
    return (await this.transactions.rows<{ id: number }>(CLAIM_DUE_FOR_STATUS_CHECK, [])).map((row) => Number(row.id));
  }

  /** Stores an event once per key (outcome IGNORED until applied); undefined when the key was seen before. */
  async recordEvent(eventKey: string, type: string, providerPayoutId: string, body: string): Promise<number | undefined> {
    const row = await this.transactions.row<{ id: number }>(RECORD_EVENT, [eventKey, type, providerPayoutId, body]);
    return row && Number(row.id);
  }

  async setEventOutcome(eventId: number, outcome: PayoutEventOutcome, withdrawalId: number | null, note: string | null): Promise<void> {
    await this.transactions.execute(SET_EVENT_OUTCOME, [eventId, outcome, withdrawalId, note]);
  }

  /** The withdrawal a payout is for: by its payout id, else by its reference's id when that withdrawal has no other payout. */
  async matchWithdrawal(providerPayoutId: string, referencedWithdrawalId: number | null): Promise<number | null> {
    const row = await this.transactions.row<{ id: number }>(MATCH_WITHDRAWAL, [providerPayoutId, referencedWithdrawalId]);
    return row ? Number(row.id) : null;
  }

  /** The provider's payout id (kept once set) and latest status on a PROCESSING withdrawal. */
  async recordProviderStatus(withdrawalId: number, providerPayoutId: string, providerStatus: string): Promise<void> {
    await this.transactions.execute(RECORD_PROVIDER_STATUS, [withdrawalId, providerPayoutId, providerStatus]);
  }

  /** The bank's UTR as the payout reference of a paid withdrawal (it came after the payout id). */
  async recordUtr(withdrawalId: number, utr: string): Promise<void> {
    await this.transactions.execute(RECORD_UTR, [withdrawalId, utr]);
  }
}
