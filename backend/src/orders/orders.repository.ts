import { Inject, Injectable } from '@nestjs/common';
import { selectColumns, toEntity } from '../database/entity-columns.js';
import { defineStatement } from '../database/statement.js';
import { TransactionService } from '../database/transaction.service.js';
import { Order } from './order.entity.js';

const ORDER = selectColumns(Order);

const CREATE_FROM_TERMS = defineStatement(
  'orders',
  'createFromTerms',
  ['telegramId: bigint', 'paymentMethod: text', 'upiId: text', 'idempotencyKey: text'],
  `
  INSERT INTO orders AS o (user_id, status, payment_method, upi_id, idempotency_key, product_name, amount, cost,
                           level1_rate_bps, level2_rate_bps, commission_rounding, commission_hold_hours)
  SELECT u.id, 'PENDING', $2, $3, $4, t.product_name, t.price, t.cost, t.level1_rate_bps, t.level2_rate_bps, t.commission_rounding, t.commission_hold_hours
  FROM users u, order_terms t WHERE u.telegram_id = $1
  ON CONFLICT (user_id, idempotency_key) DO NOTHING
  RETURNING ${ORDER}
`,
);

const FIND_BY_IDEMPOTENCY_KEY = defineStatement('orders', 'findByIdempotencyKey', ['telegramId: bigint', 'idempotencyKey: text'], `
  SELECT ${ORDER} FROM orders WHERE idempotency_key = $2 AND user_id = (SELECT id FROM users WHERE telegram_id = $1)
`);

const FIND_BY_ID = defineStatement('orders', 'findById', ['orderId: bigint'], `
  SELECT ${ORDER} FROM orders WHERE id = $1
`);

const CLAIM_PAYMENT_LINK_ATTEMPT = defineStatement('orders', 'claimPaymentLinkAttempt', ['orderId: bigint'], `
  UPDATE orders SET payment_link_attempts = payment_link_attempts + 1 WHERE id = $1 AND status = 'PENDING'
  RETURNING payment_link_attempts AS attempt, amount, user_id AS "userId", product_name AS "productName"
`);

const STORE_PAYMENT_LINK = defineStatement('orders', 'storePaymentLink', ['orderId: bigint', 'gateway: text', 'url: text', 'linkId: text'], `
  UPDATE orders SET payment_gateway = $2, payment_url = $3, payment_link_id = $4, updated_at = now() WHERE id = $1 RETURNING ${ORDER}
`);

/**
 * The CTEs that credit the just-paid order in `paid`: in order,
 *  - `locked` locks the level-1 and level-2 referrers' wallets and stats rows in ascending id
 *    order (the order every money path uses, so none deadlocks another);
 *  - `chain` counts them: every later CTE joins it, and a join yields nothing before it has read
 *    both sides, so no row is written before the whole chain is locked;
 *  - the commissions (PENDING, released `commission_hold_hours` after payment; none for a
 *    blocked referrer or a zero amount; `commission_amount` is a SQL function, see the
 *    OrderTermsAndCommissionAmount migration), their ledger rows, the wallets' pending and
 *    earned, the referral's conversion and `referral_stats`.
 */
const CREDIT_PAID_ORDER = `locked AS MATERIALIZED (
    SELECT u.id AS user_id, CASE WHEN u.id = l1.id THEN 1 ELSE 2 END AS level, u.status
    FROM paid p
    JOIN users buyer ON buyer.id = p.user_id
    JOIN users l1 ON l1.id = buyer.referred_by_id
    JOIN users u ON u.id IN (l1.id, l1.referred_by_id)
    JOIN wallets w ON w.user_id = u.id
    JOIN referral_stats s ON s.user_id = u.id
    ORDER BY u.id
    FOR UPDATE OF w, s
  ), chain AS (
    SELECT count(*) AS members FROM locked
  ), earners AS (
    SELECT l.user_id, l.level,
           commission_amount(p.profit, CASE l.level WHEN 1 THEN p.level1_rate_bps ELSE p.level2_rate_bps END, p.commission_rounding) AS amount
    FROM locked l CROSS JOIN chain CROSS JOIN paid p
    WHERE l.status <> 'BLOCKED'
  ), new_commissions AS (
    INSERT INTO commissions (order_id, beneficiary_id, source_user_id, level, amount, status, release_at)
    SELECT p.id, e.user_id, p.user_id, e.level, e.amount, 'PENDING', p.paid_at + make_interval(hours => p.commission_hold_hours)
    FROM earners e CROSS JOIN paid p
    WHERE e.amount > 0
    RETURNING id, order_id, beneficiary_id, level, amount
  ), ledger AS (
    INSERT INTO wallet_transactions (user_id, type, bucket, amount, order_id, commission_id, actor)
    SELECT beneficiary_id, 'COMMISSION_CREDIT', 'PENDING', amount, order_id, id, $3 FROM new_commissions
  ), credited AS (
    UPDATE wallets w SET pending = w.pending + c.amount, total_earned = w.total_earned + c.amount, updated_at = now()
    FROM new_commissions c WHERE w.user_id = c.beneficiary_id
  ), converted AS (
    UPDATE referrals r SET converted_at = now(), first_order_id = p.id
    FROM paid p CROSS JOIN chain
    WHERE r.referred_id = p.user_id AND r.converted_at IS NULL AND chain.members > 0
    RETURNING r.referrer_id
  ), stats_delta AS (
    SELECT beneficiary_id AS user_id,
           CASE WHEN level = 1 THEN amount ELSE 0 END AS level1,
           CASE WHEN level = 2 THEN amount ELSE 0 END AS level2,
           0 AS conversions
    FROM new_commissions
    UNION ALL
    SELECT referrer_id, 0, 0, 1 FROM converted
  ), stats AS (
    UPDATE referral_stats s
    SET level1_earned = s.level1_earned + d.level1, level2_earned = s.level2_earned + d.level2,
        conversions = s.conversions + d.conversions, updated_at = now()
    FROM (SELECT user_id, sum(level1) AS level1, sum(level2) AS level2, sum(conversions) AS conversions FROM stats_delta GROUP BY user_id) d
    WHERE s.user_id = d.user_id
  )`;

/**
 * A payment as one statement, so one transaction with no BEGIN and COMMIT round trips: order $1
 * PENDING → PAID with transaction id $2 and its commissions credited (ledger actor $3). Answers
 * the paid order, or no row when the order was not payable; racing confirmations queue on the
 * order row, and only the first finds it payable. $4 says who confirms: false for the bot, whose
 * confirmation counts only while bot_payment_confirmation_enabled is on (read here from
 * `order_terms`, so the happy path stays one statement); true for a payment gateway's capture.
 * The reports are not written here: a payment's figures are derived from its order and
 * commission rows, read as the reports' tail until the fold moves them into the rollups (see the
 * PaymentsFoldedBehindHorizon migration). `paid_at` is the transaction's start, which the
 * fold's horizon relies on.
 */
export const CONFIRM_PARAMS = ['orderId: bigint', 'transactionId: text', 'actor: text', 'reportedByGateway: boolean'];
export const CONFIRM_PAYMENT = defineStatement('orders', 'confirmPayment', CONFIRM_PARAMS, `
  WITH paid AS (
    UPDATE orders SET status = 'PAID', transaction_id = $2, paid_at = now(), updated_at = now()
    WHERE id = $1 AND status = 'PENDING' AND ($4::boolean OR (SELECT bot_payment_confirmation_enabled FROM order_terms))
    RETURNING *
  ), ${CREDIT_PAID_ORDER}
  SELECT ${ORDER} FROM paid
`);

const BOT_CONFIRMATION_ENABLED = defineStatement('orders', 'botConfirmationEnabled', [], `
  SELECT bot_payment_confirmation_enabled AS enabled FROM order_terms
`);

const LOCK_STATUS = defineStatement('orders', 'lockStatus', ['orderId: bigint'], `
  SELECT status FROM orders WHERE id = $1 FOR UPDATE
`);

const REOPEN_FAILED_FOR_CAPTURE = defineStatement('orders', 'reopenFailedForCapture', ['orderId: bigint'], `
  UPDATE orders SET status = 'PENDING', failed_at = NULL, updated_at = now() WHERE id = $1 AND status = 'FAILED'
`);

const TRY_LOCK_EXPIRY = defineStatement('orders', 'tryLockExpiry', ['lockKey: bigint'], `
  SELECT pg_try_advisory_xact_lock($1) AS locked
`);

const EXPIRE_STALE_BATCH = defineStatement('orders', 'expireStaleBatch', ['batchSize: int'], `
  UPDATE orders SET status = 'FAILED', failed_at = now(), expired_at = now(), updated_at = now()
  WHERE id IN (
    SELECT id FROM orders
    WHERE status = 'PENDING'
      AND created_at < now() - make_interval(mins => (SELECT order_expiry_minutes FROM order_terms))
    ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED
  ) AND status = 'PENDING'
`);

const FAIL_PENDING = defineStatement('orders', 'failPending', ['orderId: bigint', 'transactionId: text'], `
  UPDATE orders SET status = 'FAILED', failed_transaction_id = $2, failed_at = now(), updated_at = now()
  WHERE id = $1 AND status = 'PENDING' RETURNING ${ORDER}
`);

const COUNT_FAILED_ATTEMPT = defineStatement('orders', 'countFailedAttempt', ['orderId: bigint'], `
  UPDATE orders SET failed_attempts = failed_attempts + 1, last_failed_attempt_at = now() WHERE id = $1
`);

const REFUND_PAID = defineStatement('orders', 'refundPaid', ['orderId: bigint', 'reason: text'], `
  UPDATE orders SET status = 'REFUNDED', refunded_at = now(), refund_reason = $2, updated_at = now()
  WHERE id = $1 AND status = 'PAID' RETURNING ${ORDER}
`);

export interface PaymentLinkClaim {
  attempt: number;
  amount: number;
  userId: number;
  productName: string;
}

/** The orders table's statements: creation from the current terms, the payment, failure, expiry and refund. */
@Injectable()
export class OrdersRepository {
  constructor(@Inject(TransactionService) private readonly transactions: TransactionService) {}

  private async order(statement: Parameters<TransactionService['row']>[0], values: readonly unknown[]): Promise<Order | undefined> {
    const row = await this.transactions.row(statement, values);
    return row && toEntity(Order, row);
  }

  /** A PENDING order with the current terms copied in; undefined when the user is unknown or the idempotency key was used. */
  createFromTerms(telegramId: number, paymentMethod: string, upiId: string | null, idempotencyKey: string | null): Promise<Order | undefined> {
    return this.order(CREATE_FROM_TERMS, [telegramId, paymentMethod, upiId, idempotencyKey]);
  }

  findByIdempotencyKey(telegramId: number, idempotencyKey: string | null): Promise<Order | undefined> {
    return this.order(FIND_BY_IDEMPOTENCY_KEY, [telegramId, idempotencyKey]);
  }

  findById(orderId: number): Promise<Order | undefined> {
    return this.order(FIND_BY_ID, [orderId]);
  }

  /** Counts a payment link attempt on a PENDING order; undefined when the order is not PENDING. */
  claimPaymentLinkAttempt(orderId: number): Promise<PaymentLinkClaim | undefined> {
    return this.transactions.row<PaymentLinkClaim>(CLAIM_PAYMENT_LINK_ATTEMPT, [orderId]);
  }

  async storePaymentLink(orderId: number, gateway: string, url: string, linkId: string): Promise<Order> {
    return (await this.order(STORE_PAYMENT_LINK, [orderId, gateway, url, linkId]))!;
  }

  /** PENDING → PAID with the commissions credited and the reports kept (CONFIRM_PAYMENT); undefined when not payable. */
  confirmPayment(orderId: number, transactionId: string, actor: string, byGateway: boolean): Promise<Order | undefined> {
    return this.order(CONFIRM_PAYMENT, [orderId, transactionId, actor, byGateway]);
  }

  async botConfirmationEnabled(): Promise<boolean> {
    return (await this.transactions.row<{ enabled: boolean }>(BOT_CONFIRMATION_ENABLED, []))!.enabled;
  }

  /** Locks the order row (inside a transaction); its status, or undefined when there is no such order. */
  async lockStatus(orderId: number): Promise<string | undefined> {
    return (await this.transactions.row<{ status: string }>(LOCK_STATUS, [orderId]))?.status;
  }

  async reopenFailedForCapture(orderId: number): Promise<void> {
    await this.transactions.execute(REOPEN_FAILED_FOR_CAPTURE, [orderId]);
  }

  /** The expiry's transaction advisory lock; false when another runner holds it. */
  async tryLockExpiry(lockKey: number): Promise<boolean> {
    return (await this.transactions.row<{ locked: boolean }>(TRY_LOCK_EXPIRY, [lockKey]))!.locked;
  }

  /** Fails up to `batchSize` PENDING orders older than order_expiry_minutes; how many. */
  async expireStaleBatch(batchSize: number): Promise<number> {
    return (await this.transactions.execute(EXPIRE_STALE_BATCH, [batchSize])).rowCount ?? 0;
  }

  /** PENDING → FAILED; undefined when the order was not PENDING. */
  failPending(orderId: number, transactionId: string): Promise<Order | undefined> {
    return this.order(FAIL_PENDING, [orderId, transactionId]);
  }

  async countFailedAttempt(orderId: number): Promise<void> {
    await this.transactions.execute(COUNT_FAILED_ATTEMPT, [orderId]);
  }

  /** PAID → REFUNDED; undefined when the order was not PAID. */
  refundPaid(orderId: number, reason: string): Promise<Order | undefined> {
    return this.order(REFUND_PAID, [orderId, reason]);
  }
}
