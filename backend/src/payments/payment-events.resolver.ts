import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AdminOnly } from '../common/auth/access.decorator.js';
import { CurrentAdmin } from '../common/auth/current-admin.decorator.js';
import type { AdminPrincipal } from '../common/auth/principal.js';
import { parseId } from '../common/graphql/ids.js';
import { ListMetadata } from '../common/graphql/list.js';
import { Order } from '../orders/order.entity.js';
import { OrdersService } from '../orders/orders.service.js';
import { PaymentEventListArgs, ReviewPaymentEventArgs } from './dto/payment-event.inputs.js';
import { PaymentEvent } from './payment-event.entity.js';
import { PaymentsService } from './payments.service.js';

/** The PaymentEvent admin resource (react-admin convention): every webhook event received. */
@Resolver(() => PaymentEvent)
@AdminOnly()
export class PaymentEventsResolver {
  constructor(
    @Inject(PaymentsService) private readonly payments: PaymentsService,
    @Inject(OrdersService) private readonly orders: OrdersService,
  ) {}

  @Query(() => PaymentEvent, { name: 'PaymentEvent', nullable: true })
  paymentEvent(@Args('id', { type: () => ID }) id: string) {
    return this.payments.findOne(parseId(id));
  }

  @Query(() => [PaymentEvent])
  allPaymentEvents(@Args() args: PaymentEventListArgs) {
    return this.payments.findAll(args);
  }

  @Query(() => ListMetadata)
  async _allPaymentEventsMeta(@Args() args: PaymentEventListArgs): Promise<ListMetadata> {
    return { count: await this.payments.count(args) };
  }

  @Mutation(() => PaymentEvent, { description: 'Clears needsReview with what the admin found or did' })
  reviewPaymentEvent(@Args() { id, note }: ReviewPaymentEventArgs, @CurrentAdmin() admin: AdminPrincipal) {
    return this.payments.review(id, note, admin.id);
  }

  @ResolveField(() => Order, { nullable: true })
  order(@Parent() event: PaymentEvent) {
    return event.orderId === null ? null : this.orders.findOne(event.orderId);
  }
}
