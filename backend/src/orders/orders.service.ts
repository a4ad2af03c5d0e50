import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { ConflictException, NotFoundException } from '../common/errors/domain.exception.js';
import { parseId, parseTelegramId } from '../common/graphql/ids.js';
import { likePattern, type ListArgsShape, ListQuery } from '../common/graphql/list.js';
import { CommissionsService, creditPaidOrderCtes } from '../commissions/commissions.service.js';
import { sql } from '../database/sql.js';
import { TransactionService } from '../database/transaction.service.js';
import { FraudCheckService } from '../fraud/fraud-check.service.js';
import type { ConfirmPaymentInput, CreateOrderInput, OrderFilter } from './dto/order.inputs.js';
import { Order, OrderStatus } from './order.entity.js';

const ORDER_COLUMNS = `id, user_id AS "userId", status, payment_method AS "paymentMethod", upi_id AS "upiId",
  idempotency_key AS "idempotencyKey", product_name AS "productName", amount, cost, profit,
  level1_rate_bps AS "level1RateBps", level2_rate_bps AS "level2RateBps", commission_rounding AS "commissionRounding",
  commission_hold_hours AS "commissionHoldHours", transaction_id AS "transactionId", failed_transaction_id AS "failedTransactionId",
  paid_at AS "paidAt", failed_at AS "failedAt", refunded_at AS "refundedAt", refund_reason AS "refundReason",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

/**
 * A payment as one statement, so one transaction with no BEGIN and COMMIT round trips: order $1
 * PENDING → PAID with transaction id $2, and its commissions credited (actor $3). Answers the
 * paid order, or no row when the order was not PENDING; racing confirmations queue on the
 * order row, and only the first finds it PENDING.
 */
function confirmPaymentSql(reported: boolean): string {
  return `WITH paid AS (
         UPDATE orders SET status = 'PAID', transaction_id = $2, paid_at = now(), updated_at = now()
         WHERE id = $1 AND status = 'PENDING'
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

/** Orders and their payment: creation with a settings snapshot, confirmation, failure, refund. */
@Injectable()
export class OrdersService {
  private readonly list = new ListQuery<OrderFilter>({
    sortable: { id: 'o.id', createdAt: 'o.created_at', paidAt: 'o.paid_at', amount: 'o.amount', status: 'o.status', userId: 'o.user_id' },
    defaultSort: { field: 'createdAt', order: 'DESC' },
    tieBreaker: 'o.id',
    applyFilter: (query, filter) => {
      if (filter.q) query.andWhere('(o.transaction_id ILIKE :q OR o.upi_id ILIKE :q OR o.id::text = :exact)', { q: likePattern(filter.q), exact: filter.q.trim() });
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
    return order;
  }

  /**
   * PENDING → PAID and the commissions credited, in one statement (CONFIRM_PAYMENT_SQL).
   * A replay with the same transactionId answers the paid order and credits nothing.
   */
  async confirmPayment(input: ConfirmPaymentInput, actor: string): Promise<Order> {
    const orderId = parseId(input.orderId, 'orderId');
    const paid = paymentReportMaintenance.enabled
      ? await this.transitionFromPending('order_confirm_payment', CONFIRM_PAYMENT_SQL, [orderId, input.transactionId, actor])
      : await this.transitionFromPending('order_confirm_payment_unreported', paymentReportMaintenance.unreportedSql, [orderId, input.transactionId, actor]);
    if (paid) return paid;
    const order = await this.requireOrder(orderId);
    if ((order.status === OrderStatus.PAID || order.status === OrderStatus.REFUNDED) && order.transactionId === input.transactionId) {
      return order;
    }
    if (order.status === OrderStatus.PAID || order.status === OrderStatus.REFUNDED) {
      throw new ConflictException(`Order ${orderId} was already paid with another transactionId`, 'ALREADY_PAID');
    }
    throw new ConflictException(`Order ${orderId} is ${order.status} and cannot be paid`, 'INVALID_TRANSITION');
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
