import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Request } from 'express';
import { AdminOnly, BotOrAdmin, BotOnly } from '../common/auth/access.decorator.js';
import { actorName, type RequestPrincipal } from '../common/auth/principal.js';
import { ListMetadata } from '../common/graphql/list.js';
import type { CommissionLoaders } from '../commissions/commissions.loaders.js';
import type { UserLoaders } from '../users/users.loaders.js';
import { Commission } from '../commissions/commission.entity.js';
import { User } from '../users/user.entity.js';
import { ConfirmPaymentInput, CreateOrderInput, OrderListArgs, RefundOrderArgs } from './dto/order.inputs.js';
import { paymentReferenceOf } from '../payments/payment-gateway.js';
import { Order } from './order.entity.js';
import { OrdersService } from './orders.service.js';

type PrincipalRequest = Request & { principal?: RequestPrincipal };

@Resolver(() => Order)
@AdminOnly()
export class OrdersResolver {
  constructor(@Inject(OrdersService) private readonly orders: OrdersService) {}

  @Mutation(() => Order, { description: 'A PENDING order for the plan at the current price' })
  @BotOnly()
  createOrder(@Args('input') input: CreateOrderInput) {
    return this.orders.create(input);
  }

  @Mutation(() => Order, { description: 'PENDING → PAID and credits the commissions; a replay with the same transactionId credits nothing' })
  @BotOnly()
  confirmPayment(@Args('input') input: ConfirmPaymentInput, @Context('req') request: PrincipalRequest) {
    return this.orders.confirmPayment(input, actorName(request.principal));
  }

  @Mutation(() => Order, { description: "(Re)creates the gateway payment link of a PENDING order (paymentUrl); CONFLICT for any other order" })
  @BotOnly()
  createPaymentLink(@Args('orderId', { type: () => ID }) orderId: string) {
    return this.orders.createPaymentLink(orderId);
  }

  @Mutation(() => Order, { description: 'PENDING → FAILED' })
  @BotOnly()
  failPayment(@Args('input') input: ConfirmPaymentInput) {
    return this.orders.failPayment(input);
  }

  @Mutation(() => Order, { description: 'PAID → REFUNDED; reverses its commissions (a clawback where already available)' })
  refundOrder(@Args() { id, reason }: RefundOrderArgs, @Context('req') request: PrincipalRequest) {
    return this.orders.refund(id, reason, actorName(request.principal));
  }

  @Query(() => Order, { nullable: true })
  @BotOrAdmin()
  order(@Args('id', { type: () => ID }) id: string) {
    return this.orders.findOne(id);
  }

  @Query(() => Order, { name: 'Order', nullable: true })
  adminOrder(@Args('id', { type: () => ID }) id: string) {
    return this.orders.findOne(id);
  }

  @Query(() => [Order])
  allOrders(@Args() args: OrderListArgs) {
    return this.orders.findAll(args);
  }

  @Query(() => ListMetadata)
  async _allOrdersMeta(@Args() args: OrderListArgs): Promise<ListMetadata> {
    return { count: await this.orders.count(args) };
  }

  @ResolveField(() => [Commission])
  @BotOrAdmin()
  commissions(@Parent() order: Order, @Context('loaders') loaders: CommissionLoaders) {
    return loaders.commissionsByOrder.load(order.id);
  }

  @ResolveField(() => String, { description: 'The merchant reference a payment gateway carries back: ott_<order id>' })
  @BotOrAdmin()
  paymentReference(@Parent() order: Order) {
    return paymentReferenceOf(order.id);
  }

  @ResolveField(() => User)
  @BotOrAdmin()
  user(@Parent() order: Order, @Context('loaders') loaders: UserLoaders) {
    return loaders.users.load(order.userId);
  }
}
