import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { CommonException, DomainException } from '../common/errors/domain.exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { parseId } from '../common/graphql/ids.js';
import { likePattern, type ListArgsShape, ListQuery } from '../common/graphql/list.js';
import { TransactionService } from '../database/transaction.service.js';
import { OrderStatus } from '../orders/order.entity.js';
import { OrdersService } from '../orders/orders.service.js';
import type { PaymentEventFilter } from './dto/payment-event.inputs.js';
import { type GatewayEvent, PaymentEventKind } from './gateway-events.js';
import { PaymentEvent, PaymentEventOutcome } from './payment-event.entity.js';
import { PaymentError, PaymentException } from './payments.errors.js';
import { PaymentsRepository, type StoredEvent } from './payments.repository.js';

export interface ReceivedEvent {
  /** The stored event's id; null for a repeat delivery (stored the first time). */
  id: number | null;
  outcome: PaymentEventOutcome;
}

/**
 * Payment gateway webhooks: each event stored once with its outcome, in the same transaction as
 * what it does to its order. A capture pays the order through OrdersService.payFromGateway,
 * the statement confirmPayment runs; a failure is counted on the order; a whole refund runs
 * OrdersService.refund, the code refundOrder runs.
 */
@Injectable()
export class PaymentsService {
  private readonly logger = new Logger(PaymentsService.name);
  private readonly list = new ListQuery<PaymentEventFilter>({
    sortable: { id: 'e.id', createdAt: 'e.created_at', gateway: 'e.gateway', type: 'e.type', outcome: 'e.outcome', orderId: 'e.order_id', amount: 'e.amount' },
    defaultSort: { field: 'createdAt', order: 'DESC' },
    tieBreaker: 'e.id',
    applyFilter: (query, filter) => {
      if (filter.q) {
        query.andWhere('(e.event_key ILIKE :q OR e.gateway_payment_id ILIKE :q OR e.payment_reference ILIKE :q OR e.note ILIKE :q OR e.order_id::text = :exact)', {
          q: likePattern(filter.q),
          exact: filter.q.trim(),
        });
      }
      if (filter.gateway) query.andWhere('e.gateway = :gateway', { gateway: filter.gateway });
      if (filter.type) query.andWhere('e.type = :type', { type: filter.type });
      if (filter.kind) query.andWhere('e.kind = :kind', { kind: filter.kind });
      if (filter.outcome) query.andWhere('e.outcome = :outcome', { outcome: filter.outcome });
      if (filter.orderId) query.andWhere('e.order_id = :orderId', { orderId: filter.orderId });
      if (filter.needsReview !== undefined) query.andWhere('e.needs_review = :needsReview', { needsReview: filter.needsReview });
    },
  });

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(TransactionService) private readonly transactions: TransactionService,
    @Inject(PaymentsRepository) private readonly repository: PaymentsRepository,
    @Inject(OrdersService) private readonly orders: OrdersService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  /** Stores and applies one verified event; a repeat delivery changes nothing. */
  async receive(event: GatewayEvent, body: string): Promise<ReceivedEvent> {
    try {
      return await this.transactions.run(() => this.storeAndApply(event, body));
    } catch (error) {
      // The order moved under us (paid or refunded at the same moment) or the payment id
      // already paid another order: the whole attempt rolled back; record it for an admin
      if (!(error instanceof DomainException) || error.code !== ErrorCode.CONFLICT) throw error;
      this.logger.warn(`${event.gateway} ${event.type} ${event.eventKey}: not applied: ${error.message}`);
      return this.transactions.run(() => this.storeAndApply(event, body, { outcome: PaymentEventOutcome.DUPLICATE, note: error.message }));
    }
  }

  private async storeAndApply(event: GatewayEvent, body: string, forced?: { outcome: PaymentEventOutcome; note: string }): Promise<ReceivedEvent> {
    const row = await this.repository.storeEvent({
      gateway: event.gateway,
      eventKey: event.eventKey,
      type: event.type,
      orderId: event.orderId,
      reference: event.reference,
      paymentId: event.paymentId,
      amount: event.amount,
      body,
      note: forced?.note ?? event.note,
      kind: event.kind,
      currency: event.currency,
      forcedOutcome: forced?.outcome ?? null,
    });
    if (!row) return { id: null, outcome: PaymentEventOutcome.DUPLICATE };
    if (row.outcome !== PaymentEventOutcome.PROCESSED || forced) return { id: row.id, outcome: row.outcome };
    const orderId = Number(row.orderId);
    switch (event.kind) {
      case PaymentEventKind.CAPTURED:
        return this.applyCapture(row, orderId, event);
      case PaymentEventKind.FAILED:
        await this.orders.countFailedAttempt(orderId);
        return { id: row.id, outcome: row.outcome };
      case PaymentEventKind.REFUND:
        return this.applyRefund(row, orderId, event);
      default:
        return { id: row.id, outcome: row.outcome };
    }
  }

  private async applyCapture(row: StoredEvent, orderId: number, event: GatewayEvent): Promise<ReceivedEvent> {
    if (!event.paymentId) return this.mark(row.id, PaymentEventOutcome.IGNORED, 'A capture without a payment id');
    const paid = await this.orders.payFromGateway(orderId, event.paymentId, actorOf(event));
    if (paid) {
      if (row.orderStatus === OrderStatus.FAILED) {
        return this.mark(row.id, PaymentEventOutcome.PROCESSED, 'Captured after the order had failed (expired or failed by the bot): paid late; check the buyer got the plan');
      }
      return { id: row.id, outcome: PaymentEventOutcome.PROCESSED };
    }
    const order = await this.orders.findOne(orderId);
    if (order?.transactionId === event.paymentId) return this.mark(row.id, PaymentEventOutcome.DUPLICATE, null);
    return this.mark(
      row.id,
      PaymentEventOutcome.DUPLICATE,
      `The order was already ${order?.status} by transaction ${order?.transactionId}: this second payment was taken too and may need a refund at the gateway`,
    );
  }

  private async applyRefund(row: StoredEvent, orderId: number, event: GatewayEvent): Promise<ReceivedEvent> {
    const ours = event.paymentId !== null && row.orderTransactionId === event.paymentId;
    if (ours && row.orderStatus === OrderStatus.REFUNDED) return this.mark(row.id, PaymentEventOutcome.DUPLICATE, null);
    if (!ours || row.orderStatus !== OrderStatus.PAID) {
      return this.mark(row.id, PaymentEventOutcome.IGNORED, `A refund of payment ${event.paymentId}, which did not pay this order (it is ${row.orderStatus}): no money moved`);
    }
    if (event.amount !== Number(row.orderAmount)) {
      return this.mark(row.id, PaymentEventOutcome.PROCESSED, `A partial refund (${event.amount ?? '?'} of ${row.orderAmount} paise): recorded, no money moved`);
    }
    await this.orders.refund(String(orderId), `Refunded at ${event.gateway.toLowerCase()} (${event.note ?? event.eventKey})`, actorOf(event));
    return { id: row.id, outcome: PaymentEventOutcome.PROCESSED };
  }

  /** Sets the event's final outcome; a note marks it for an admin's review. */
  private async mark(id: number, outcome: PaymentEventOutcome, note: string | null): Promise<ReceivedEvent> {
    await this.repository.markOutcome(id, outcome, note);
    return { id, outcome };
  }

  /** Clears an event's review flag with what the admin found; an event not awaiting review is a CONFLICT. */
  async review(id: string, note: string, adminId: number): Promise<PaymentEvent> {
    const eventId = parseId(id);
    return this.transactions.run(async (manager) => {
      const before = await this.findOne(eventId);
      if (!before) throw CommonException.notFound('PaymentEvent', eventId);
      if (!(await this.repository.markReviewed(eventId, adminId, note.trim()))) {
        throw new PaymentException(PaymentError.INVALID_TRANSITION, `Payment event ${eventId} is not awaiting review`);
      }
      const after = (await manager.getRepository(PaymentEvent).findOneBy({ id: eventId }))!;
      this.audit.describe({ targetType: 'PaymentEvent', targetId: eventId, before: { needsReview: true }, after: { needsReview: false, reviewNote: after.reviewNote } });
      return after;
    });
  }

  findOne(id: string | number): Promise<PaymentEvent | null> {
    return this.query().where('e.id = :id', { id: String(id) }).getOne();
  }

  findAll(args: ListArgsShape<PaymentEventFilter>): Promise<PaymentEvent[]> {
    return this.list.rows(this.query(), args);
  }

  count(args: ListArgsShape<PaymentEventFilter>): Promise<number> {
    return this.list.count(this.query(), args);
  }

  private query() {
    return this.dataSource.getRepository(PaymentEvent).createQueryBuilder('e');
  }
}

/** The ledger's actor for a gateway's change: gateway:razorpay, gateway:cashfree. */
function actorOf(event: GatewayEvent): string {
  return `gateway:${event.gateway.toLowerCase()}`;
}
