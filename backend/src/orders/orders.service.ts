import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { ConflictException, DomainException, ForbiddenException, NotFoundException } from '../common/errors/domain.exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { parseId, parseTelegramId } from '../common/graphql/ids.js';
import { likePattern, type ListArgsShape, ListQuery } from '../common/graphql/list.js';
import { CommissionsService, creditPaidOrderCtes } from '../commissions/commissions.service.js';
import { sql } from '../database/sql.js';
import { TransactionService } from '../database/transaction.service.js';
import { FraudCheckService } from '../fraud/fraud-check.service.js';
import { GatewayCallError, PaymentLinksService } from '../payments/payment-links.service.js';
import type { ConfirmPaymentInput, CreateOrderInput, OrderFilter } from './dto/order.inputs.js';
import { Order, OrderStatus } from './order.entity.js';

const ORDER_COLUMNS = `id, user_id AS "userId", status, payment_method AS "paymentMethod", upi_id AS "upiId",
  idempotency_key AS "idempotencyKey", product_name AS "productName", amount, cost, profit,
  level1_rate_bps AS "level1RateBps", level2_rate_bps AS "level2RateBps", commission_rounding AS "commissionRounding",
  commission_hold_hours AS "commissionHoldHours", transaction_id AS "transactionId", failed_transaction_id AS "failedTransactionId",
  paid_at AS "paidAt", failed_at AS "failedAt", refunded_at AS "refundedAt", refund_reason AS "refundReason",
  payment_gateway AS "paymentGateway", payment_url AS "paymentUrl", payment_link_id AS "paymentLinkId",
  failed_attempts AS "failedAttempts", last_failed_attempt_at AS "lastFailedAttemptAt", expired_at AS "expiredAt",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

/**
 * A payment as one statement, so one transaction with no BEGIN and COMMIT round trips: order $1
 * PENDING → PAID with transaction id $2, and its commissions credited (actor $3). Answers the
 * paid order, or no row when the order was not payable; racing confirmations queue on the
 * order row, and only the first finds it payable.
 *
 * $4 says who confirms: false for the bot, whose confirmation counts only while the setting
 * bot_payment_confirmation_enabled is on (read here, so the happy path stays one statement);
 * true for a payment gateway's capture (which first reopens a FAILED order, see payFromGateway:
 * the gateway took the money, so the order is paid and its failure cleared).
 */
function confirmPaymentSql(reported: boolean): string {
  return `WITH paid AS (
         UPDATE orders SET status = 'PAID', transaction_id = $2, paid_at = now(), updated_at = now()
         WHERE id = $1 AND status = 'PENDING'
           AND ($4::boolean OR coalesce((SELECT value <> 'false'::jsonb FROM system_settings WHERE key = 'bot_payment_confirmation_enabled'), true))
         RETURNING *
       ), ${creditPaidOrderCtes('$3', reported)}
       SELECT ${ORDER_COLUMNS} FROM paid`;
}
export const CONFIRM_PAYMENT_SQL = confirmPaymentSql(true);

/**
 * Only for the reporting benchmark (bench:reporting), which measures payments with and without
 * the report maintenance in one run: off, payments leave the reports stale until they are
 * rebuilt. Nothing else sets it; there is no environment switch.
 */
export const paymentReportMaintenance = { enabled: true, unreportedSql: confirmPaymentSql(false) };

/** Key of the transaction advisory lock that keeps one expiry pass running across instances (works behind PgBouncer). */
const ORDER_EXPIRY_LOCK_KEY = 0x07770003;
/** Orders failed per expiry transaction: short row locks, so live payments barely wait. */
export const ORDER_EXPIRY_BATCH_SIZE = 5000;

/** Orders and their payment: creation with a settings snapshot, confirmation, failure, refund. */
@Injectable()
export class OrdersService {
  private readonly logger = new Logger(OrdersService.name);
  private readonly list = new ListQuery<OrderFilter>({
    sortable: { id: 'o.id', createdAt: 'o.created_at', paidAt: 'o.paid_at', amount: 'o.amount', status: 'o.status', userId: 'o.user_id' },
    defaultSort: { field: 'createdAt', order: 'DESC' },
    tieBreaker: 'o.id',
    applyFilter: (query, filter) => {
      if (filter.q) query.andWhere('(o.transaction_id ILIKE :q OR o.failed_transaction_id ILIKE :q OR o.upi_id ILIKE :q OR o.id::text = :exact OR \'ott_\' || o.id::text = :exact)', { q: likePattern(filter.q), exact: filter.q.trim() });
      if (filter.status) query.andWhere('o.status = :status', { status: filter.status });
      if (filter.userId) query.andWhere('o.user_id = :userId', { userId: filter.userId });
    },
  });

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(TransactionService) private readonly transactions: TransactionService,
    @Inject(CommissionsService) private readonly commissions: CommissionsService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(FraudCheckService) private readonly fraudChecks: FraudCheckService,
    @Inject(PaymentLinksService) private readonly paymentLinks: PaymentLinksService,
  ) {}

  /**
   * A PENDING order for the plan, with price, cost, rates, rounding and hold copied from the
   * settings in the same statement. The idempotency key is per user: the same key returns the
   * same order, and the same key with different parameters is a CONFLICT.
   */
  async create(input: CreateOrderInput): Promise<Order> {
    const telegramId = parseTelegramId(input.telegramId);
    const order = await this.transactions.run(async (manager) => {
      const inserted = await sql<Order>(
        manager,
        'order_create',
        `WITH s AS (
           SELECT max(value #>> '{}') FILTER (WHERE key = 'product_name') AS product_name,
                  max((value #>> '{}')::bigint) FILTER (WHERE key = 'product_price') AS price,
                  max((value #>> '{}')::bigint) FILTER (WHERE key = 'product_cost') AS cost,
                  max(round((value #>> '{}')::numeric * 100)::int) FILTER (WHERE key = 'level1_commission_percent') AS level1,
                  max(round((value #>> '{}')::numeric * 100)::int) FILTER (WHERE key = 'level2_commission_percent') AS level2,
                  max(value #>> '{}') FILTER (WHERE key = 'commission_rounding') AS rounding,
                  max((value #>> '{}')::int) FILTER (WHERE key = 'commission_hold_hours') AS hold
           FROM system_settings
         )
         INSERT INTO orders AS o (user_id, status, payment_method, upi_id, idempotency_key, product_name, amount, cost,
                                  level1_rate_bps, level2_rate_bps, commission_rounding, commission_hold_hours)
         SELECT u.id, 'PENDING', $2, $3, $4, s.product_name, s.price, s.cost, s.level1, s.level2, s.rounding, s.hold
         FROM users u, s WHERE u.telegram_id = $1
         ON CONFLICT (user_id, idempotency_key) DO NOTHING
         RETURNING ${ORDER_COLUMNS}`,
        [telegramId, input.paymentMethod, input.upiId ?? null, input.idempotencyKey ?? null],
      );
      if (inserted.rowCount) return inserted.rows[0];
      const [existing] = await manager.query<Order[]>(
        `SELECT ${ORDER_COLUMNS} FROM orders WHERE idempotency_key = $2 AND user_id = (SELECT id FROM users WHERE telegram_id = $1)`,
        [telegramId, input.idempotencyKey ?? null],
      );
      if (!existing) throw new NotFoundException('User with telegramId', input.telegramId);
      if (existing.paymentMethod !== input.paymentMethod || existing.upiId !== (input.upiId ?? null)) {
        throw new ConflictException('This idempotencyKey was already used for an order with different parameters', 'IDEMPOTENCY_MISMATCH');
      }
      return existing;
    });
    await this.fraudChecks.afterUpiUse(order.userId, order.upiId);
    if (!this.paymentLinks.enabled || order.paymentUrl || order.status !== OrderStatus.PENDING) return order;
    // After the order committed: no transaction stays open during the gateway call, and a
    // gateway that fails leaves the order with paymentUrl null for createPaymentLink to retry
    try {
      return await this.attachPaymentLink(order.id);
    } catch (error) {
      if (!(error instanceof DomainException)) throw error;
      this.logger.warn(`Order ${order.id}: no payment link (${error.message}); createPaymentLink retries`);
      return (await this.findOne(order.id)) ?? order;
    }
  }

  /**
   * (Re)creates the gateway payment link of a PENDING order and stores it as paymentUrl. Each
   * call is an attempt counted on the order, claimed before the gateway call and outside any
   * transaction (no row stays locked while the gateway answers).
   */
  async createPaymentLink(id: string): Promise<Order> {
    if (!this.paymentLinks.enabled) throw new ConflictException('No payment gateway is configured (PAYMENT_GATEWAY)', 'PAYMENT_GATEWAY_NOT_CONFIGURED');
    return this.attachPaymentLink(parseId(id, 'orderId'));
  }

  private async attachPaymentLink(orderId: number): Promise<Order> {
    const claimed = await this.transactions.statement<{ attempt: number; amount: number; userId: number; productName: string }>(
      'order_payment_link_claim',
      `UPDATE orders SET payment_link_attempts = payment_link_attempts + 1 WHERE id = $1 AND status = 'PENDING'
       RETURNING payment_link_attempts AS attempt, amount, user_id AS "userId", product_name AS "productName"`,
      [orderId],
    );
    const claim = claimed.rows[0];
    if (!claim) {
      const order = await this.requireOrder(orderId);
      throw new ConflictException(`Order ${orderId} is ${order.status}; only a PENDING order gets a payment link`, 'INVALID_TRANSITION');
    }
    let link;
    try {
      link = await this.paymentLinks.create({ orderId, amount: Number(claim.amount), userId: Number(claim.userId), productName: claim.productName, attempt: claim.attempt });
    } catch (error) {
      if (!(error instanceof GatewayCallError)) throw error;
      this.logger.warn(`Order ${orderId}: payment link attempt ${claim.attempt} failed: ${error.message}`);
      throw new DomainException(ErrorCode.INTERNAL_SERVER_ERROR, 'The payment gateway did not create a payment link; try again', 'PAYMENT_GATEWAY_UNAVAILABLE');
    }
    const updated = await this.transactions.statement<Order>(
      'order_payment_link_store',
      `UPDATE orders SET payment_gateway = $2, payment_url = $3, payment_link_id = $4, updated_at = now() WHERE id = $1 RETURNING ${ORDER_COLUMNS}`,
      [orderId, link.gateway, link.url, link.linkId],
    );
    return updated.rows[0];
  }

  /**
   * PENDING → PAID and the commissions credited, in one statement (CONFIRM_PAYMENT_SQL).
   * A replay with the same transactionId answers the paid order and credits nothing.
   */
  async confirmPayment(input: ConfirmPaymentInput, actor: string): Promise<Order> {
    const orderId = parseId(input.orderId, 'orderId');
    const paid = paymentReportMaintenance.enabled
      ? await this.transitionFromPending('order_confirm_payment', CONFIRM_PAYMENT_SQL, [orderId, input.transactionId, actor, false])
      : await this.transitionFromPending('order_confirm_payment_unreported', paymentReportMaintenance.unreportedSql, [orderId, input.transactionId, actor, false]);
    if (paid) return paid;
    const [setting] = await this.transactions.manager.query<{ enabled: boolean }[]>(
      `SELECT value <> 'false'::jsonb AS enabled FROM system_settings WHERE key = 'bot_payment_confirmation_enabled'`,
    );
    if (setting && !setting.enabled) {
      throw new ForbiddenException('Payments are confirmed by the payment gateway only (bot_payment_confirmation_enabled is off)', 'BOT_PAYMENT_CONFIRMATION_DISABLED');
    }
    const order = await this.requireOrder(orderId);
    if ((order.status === OrderStatus.PAID || order.status === OrderStatus.REFUNDED) && order.transactionId === input.transactionId) {
      return order;
    }
    if (order.status === OrderStatus.PAID || order.status === OrderStatus.REFUNDED) {
      throw new ConflictException(`Order ${orderId} was already paid with another transactionId`, 'ALREADY_PAID');
    }
    throw new ConflictException(`Order ${orderId} is ${order.status} and cannot be paid`, 'INVALID_TRANSITION');
  }

  /**
   * A gateway's capture: the same statement as confirmPayment (CONFIRM_PAYMENT_SQL), with the
   * gateway's payment id as transactionId; it also pays a FAILED order. Null when the order was
   * not payable (already paid or refunded).
   */
  payFromGateway(orderId: number, paymentId: string, actor: string): Promise<Order | null> {
    return this.transactions.run(async (manager) => {
      // The order row is locked first (as the payment statement locks it before the wallets), so
      // the expiry job cannot fail it in between. A FAILED order is reopened (FAILED → PENDING,
      // which the reports' triggers count) and then paid by the one payment statement, whose own
      // report deltas are those of PENDING → PAID: the rollups stay exact.
      const [order] = await manager.query<{ status: string }[]>('SELECT status FROM orders WHERE id = $1 FOR UPDATE', [orderId]);
      if (order?.status === OrderStatus.FAILED) {
        await sql(manager, 'order_reopen_for_capture', `UPDATE orders SET status = 'PENDING', failed_at = NULL, updated_at = now() WHERE id = $1 AND status = 'FAILED'`, [orderId]);
      }
      return this.transitionFromPending('order_confirm_payment', CONFIRM_PAYMENT_SQL, [orderId, paymentId, actor, true]);
    });
  }

  /**
   * Fails every PENDING order older than order_expiry_minutes (FAILED, failedAt and expiredAt
   * set), in short transactions of ORDER_EXPIRY_BATCH_SIZE. One runner across instances: each
   * batch takes a transaction-scoped advisory lock (session locks do not survive PgBouncer's
   * transaction mode); another runner's batch makes this one stop. Orders being paid right now
   * are skipped (SKIP LOCKED) and the payment wins. Returns how many expired, or null if skipped.
   */
  async expireStale(batchSize = ORDER_EXPIRY_BATCH_SIZE): Promise<number | null> {
    let expired = 0;
    for (;;) {
      const batch = await this.transactions.run(async (manager) => {
        const [{ locked }] = await manager.query<{ locked: boolean }[]>('SELECT pg_try_advisory_xact_lock($1) AS locked', [ORDER_EXPIRY_LOCK_KEY]);
        if (!locked) return null;
        const result = await sql(
          manager,
          'order_expire_batch',
          `UPDATE orders SET status = 'FAILED', failed_at = now(), expired_at = now(), updated_at = now()
           WHERE id IN (
             SELECT id FROM orders
             WHERE status = 'PENDING'
               AND created_at < now() - make_interval(mins => coalesce((SELECT (value #>> '{}')::int FROM system_settings WHERE key = 'order_expiry_minutes'), 1440))
             ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED
           ) AND status = 'PENDING'`,
          [batchSize],
        );
        return result.rowCount ?? 0;
      });
      if (batch === null) {
        if (expired === 0) this.logger.log('Order expiry skipped: another runner holds the lock');
        return expired || null;
      }
      expired += batch;
      if (batch < batchSize) break;
    }
    if (expired) this.logger.log(`Order expiry: ${expired} PENDING order(s) older than order_expiry_minutes failed`);
    return expired;
  }

  /** PENDING → FAILED. A replay with the same transactionId answers the failed order. */
  async failPayment(input: ConfirmPaymentInput): Promise<Order> {
    const orderId = parseId(input.orderId, 'orderId');
    const failed = await this.transitionFromPending(
      'order_fail',
      `UPDATE orders SET status = 'FAILED', failed_transaction_id = $2, failed_at = now(), updated_at = now()
       WHERE id = $1 AND status = 'PENDING' RETURNING ${ORDER_COLUMNS}`,
      [orderId, input.transactionId],
    );
    if (failed) return failed;
    const order = await this.requireOrder(orderId);
    if (order.status === OrderStatus.FAILED && order.failedTransactionId === input.transactionId) return order;
    throw new ConflictException(`Order ${orderId} is ${order.status} and cannot be marked failed`, 'INVALID_TRANSITION');
  }

  /** One statement moving an order out of PENDING: the moved order, or null when it was not PENDING. */
  private async transitionFromPending(name: string, text: string, values: unknown[]): Promise<Order | null> {
    try {
      const result = await this.transactions.statement<Order>(name, text, values);
      return result.rows[0] ?? null;
    } catch (error) {
      if ((error as { code?: string; constraint?: string }).constraint === 'orders_transaction_id_unique') {
        throw new ConflictException('This transactionId was already used for another order', 'TRANSACTION_ID_REUSED');
      }
      throw error;
    }
  }

  /** PAID → REFUNDED, reversing the order's commissions (a clawback where already released). */
  async refund(id: string, reason: string, actor: string): Promise<Order> {
    const orderId = parseId(id);
    return this.transactions.run(async (manager) => {
      const before = await this.requireOrder(orderId);
      // wallets before the order's report row, as every wallet change (see lockBeneficiaries)
      await this.commissions.lockBeneficiaries(manager, orderId);
      const refunded = await sql<Order>(
        manager,
        'order_refund',
        `UPDATE orders SET status = 'REFUNDED', refunded_at = now(), refund_reason = $2, updated_at = now()
         WHERE id = $1 AND status = 'PAID' RETURNING ${ORDER_COLUMNS}`,
        [orderId, reason.trim()],
      );
      if (!refunded.rowCount) {
        const current = await this.requireOrder(orderId);
        throw new ConflictException(`Order ${orderId} is ${current.status}; only a PAID order can be refunded`, 'INVALID_TRANSITION');
      }
      await this.commissions.reverseForOrder(manager, orderId, actor);
      this.audit.describe({ targetType: 'Order', targetId: orderId, before, after: refunded.rows[0] });
      return refunded.rows[0];
    });
  }

  async findOne(id: string | number): Promise<Order | null> {
    const [order] = await this.transactions.manager.query<Order[]>(`SELECT ${ORDER_COLUMNS} FROM orders WHERE id = $1`, [parseId(id)]);
    return order ?? null;
  }

  private async requireOrder(id: number): Promise<Order> {
    const order = await this.findOne(id);
    if (!order) throw new NotFoundException('Order', id);
    return order;
  }

  findAll(args: ListArgsShape<OrderFilter>): Promise<Order[]> {
    return this.list.rows(this.query(), args);
  }

  count(args: ListArgsShape<OrderFilter>): Promise<number> {
    return this.list.count(this.query(), args);
  }

  private query() {
    return this.dataSource.getRepository(Order).createQueryBuilder('o');
  }
}
