import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { CommonException, DomainException } from '../common/errors/domain.exception.js';
import { parseId, parseTelegramId } from '../common/graphql/ids.js';
import { likePattern, type ListArgsShape, ListQuery } from '../common/graphql/list.js';
import { CommissionsService } from '../commissions/commissions.service.js';
import { TransactionService } from '../database/transaction.service.js';
import { FraudCheckService } from '../fraud/fraud-check.service.js';
import { GatewayCallError, PaymentLinksService } from '../payments/payment-links.service.js';
import { ReportingService } from '../reporting/reporting.service.js';
import type { ConfirmPaymentInput, CreateOrderInput, OrderFilter } from './dto/order.inputs.js';
import { Order, OrderStatus } from './order.entity.js';
import { OrderError, OrderException } from './orders.errors.js';
import { OrdersRepository } from './orders.repository.js';

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
    // a PAID or REFUNDED order has paid_at (orders_paid_has_transaction): by orders_paid_at_idx
    notNull: (field, filter) => field === 'paidAt' && (filter?.status === OrderStatus.PAID || filter?.status === OrderStatus.REFUNDED),
  });

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(TransactionService) private readonly transactions: TransactionService,
    @Inject(OrdersRepository) private readonly repository: OrdersRepository,
    @Inject(CommissionsService) private readonly commissions: CommissionsService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(FraudCheckService) private readonly fraudChecks: FraudCheckService,
    @Inject(PaymentLinksService) private readonly paymentLinks: PaymentLinksService,
    @Inject(ReportingService) private readonly reporting: ReportingService,
  ) {}

  /**
   * A PENDING order for the plan, with price, cost, rates, rounding and hold copied from the
   * settings in the same statement. The idempotency key is per user: the same key returns the
   * same order, and the same key with different parameters is a CONFLICT.
   */
  async create(input: CreateOrderInput): Promise<Order> {
    const telegramId = parseTelegramId(input.telegramId);
    const order = await this.transactions.run(async () => {
      const inserted = await this.repository.createFromTerms(telegramId, input.paymentMethod, input.upiId ?? null, input.idempotencyKey ?? null);
      if (inserted) return inserted;
      const existing = await this.repository.findByIdempotencyKey(telegramId, input.idempotencyKey ?? null);
      if (!existing) throw CommonException.notFound('User with telegramId', input.telegramId);
      if (existing.paymentMethod !== input.paymentMethod || existing.upiId !== (input.upiId ?? null)) {
        throw new OrderException(OrderError.IDEMPOTENCY_MISMATCH, 'This idempotencyKey was already used for an order with different parameters');
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
    if (!this.paymentLinks.enabled) throw new OrderException(OrderError.PAYMENT_GATEWAY_NOT_CONFIGURED, 'No payment gateway is configured (PAYMENT_GATEWAY)');
    return this.attachPaymentLink(parseId(id, 'orderId'));
  }

  private async attachPaymentLink(orderId: number): Promise<Order> {
    const claim = await this.repository.claimPaymentLinkAttempt(orderId);
    if (!claim) {
      const order = await this.requireOrder(orderId);
      throw new OrderException(OrderError.INVALID_TRANSITION, `Order ${orderId} is ${order.status}; only a PENDING order gets a payment link`);
    }
    let link;
    try {
      link = await this.paymentLinks.create({ orderId, amount: Number(claim.amount), userId: Number(claim.userId), productName: claim.productName, attempt: claim.attempt });
    } catch (error) {
      if (!(error instanceof GatewayCallError)) throw error;
      this.logger.warn(`Order ${orderId}: payment link attempt ${claim.attempt} failed: ${error.message}`);
      throw new OrderException(OrderError.PAYMENT_GATEWAY_UNAVAILABLE, 'The payment gateway did not create a payment link; try again');
    }
    return this.repository.storePaymentLink(orderId, link.gateway, link.url, link.linkId);
  }

  /**
   * PENDING → PAID and the commissions credited, in one statement (OrdersRepository.confirmPayment).
   * A replay with the same transactionId answers the paid order and credits nothing.
   */
  async confirmPayment(input: ConfirmPaymentInput, actor: string): Promise<Order> {
    const orderId = parseId(input.orderId, 'orderId');
    const paid = await this.transitionFromPending(() => this.repository.confirmPayment(orderId, input.transactionId, actor, false));
    if (paid) return paid;
    if (!(await this.repository.botConfirmationEnabled())) {
      throw new OrderException(OrderError.BOT_PAYMENT_CONFIRMATION_DISABLED, 'Payments are confirmed by the payment gateway only (bot_payment_confirmation_enabled is off)');
    }
    const order = await this.requireOrder(orderId);
    if ((order.status === OrderStatus.PAID || order.status === OrderStatus.REFUNDED) && order.transactionId === input.transactionId) {
      return order;
    }
    if (order.status === OrderStatus.PAID || order.status === OrderStatus.REFUNDED) {
      throw new OrderException(OrderError.ALREADY_PAID, `Order ${orderId} was already paid with another transactionId`);
    }
    throw new OrderException(OrderError.INVALID_TRANSITION, `Order ${orderId} is ${order.status} and cannot be paid`);
  }

  /**
   * A gateway's capture: the same statement as confirmPayment, with the gateway's payment id as
   * transactionId; it also pays a FAILED order. Null when the order was not payable (already
   * paid or refunded).
   */
  payFromGateway(orderId: number, paymentId: string, actor: string): Promise<Order | null> {
    return this.transactions.run(async () => {
      // The order row is locked first (as the payment statement locks it before the wallets), so
      // the expiry job cannot fail it in between. A FAILED order is reopened (FAILED → PENDING,
      // which the reports' triggers count) and then paid by the one payment statement, whose own
      // report deltas are those of PENDING → PAID: the rollups stay exact.
      if ((await this.repository.lockStatus(orderId)) === OrderStatus.FAILED) await this.repository.reopenFailedForCapture(orderId);
      return this.transitionFromPending(() => this.repository.confirmPayment(orderId, paymentId, actor, true));
    });
  }

  /** A gateway's report of a failed payment attempt, counted on the order. */
  async countFailedAttempt(orderId: number): Promise<void> {
    await this.repository.countFailedAttempt(orderId);
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
      const batch = await this.transactions.run(async () => {
        if (!(await this.repository.tryLockExpiry(ORDER_EXPIRY_LOCK_KEY))) return null;
        return this.repository.expireStaleBatch(batchSize);
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
    const failed = await this.transitionFromPending(() => this.repository.failPending(orderId, input.transactionId));
    if (failed) return failed;
    const order = await this.requireOrder(orderId);
    if (order.status === OrderStatus.FAILED && order.failedTransactionId === input.transactionId) return order;
    throw new OrderException(OrderError.INVALID_TRANSITION, `Order ${orderId} is ${order.status} and cannot be marked failed`);
  }

  /** One statement moving an order out of PENDING: the moved order, or null when it was not PENDING. */
  private async transitionFromPending(move: () => Promise<Order | undefined>): Promise<Order | null> {
    try {
      return (await move()) ?? null;
    } catch (error) {
      if ((error as { code?: string; constraint?: string }).constraint === 'orders_transaction_id_unique') {
        throw new OrderException(OrderError.TRANSACTION_ID_REUSED, 'This transactionId was already used for another order');
      }
      throw error;
    }
  }

  /** PAID → REFUNDED, reversing the order's commissions (a clawback where already released). */
  async refund(id: string, reason: string, actor: string): Promise<Order> {
    const orderId = parseId(id);
    return this.transactions.run(async () => {
      // the order, then its wallets, then the order's report row: the payment statement's order,
      // and a gateway's refund event's (PaymentsRepository.storeEvent locks the order first)
      if (!(await this.repository.lockStatus(orderId))) throw CommonException.notFound('Order', orderId);
      const before = await this.requireOrder(orderId);
      await this.commissions.lockBeneficiaries(orderId);
      const refunded = await this.repository.refundPaid(orderId, reason.trim());
      if (!refunded) {
        const current = await this.requireOrder(orderId);
        throw new OrderException(OrderError.INVALID_TRANSITION, `Order ${orderId} is ${current.status}; only a PAID order can be refunded`);
      }
      await this.commissions.reverseForOrder(orderId, actor);
      this.audit.describe({ targetType: 'Order', targetId: orderId, before, after: refunded });
      return refunded;
    });
  }

  async findOne(id: string | number): Promise<Order | null> {
    return (await this.repository.findById(parseId(id))) ?? null;
  }

  private async requireOrder(id: number): Promise<Order> {
    const order = await this.findOne(id);
    if (!order) throw CommonException.notFound('Order', id);
    return order;
  }

  findAll(args: ListArgsShape<OrderFilter>): Promise<Order[]> {
    return this.list.rows(this.query(), args);
  }

  /** Unfiltered, from the reports' rollups (`ReportingService.totals`: exact, and flat in the number of orders); otherwise counted. */
  count(args: ListArgsShape<OrderFilter>): Promise<number> {
    return this.list.count(this.query(), args, async () => (await this.reporting.totals()).orders);
  }

  private query() {
    return this.dataSource.getRepository(Order).createQueryBuilder('o');
  }
}
