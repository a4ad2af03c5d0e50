import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AdminOnly } from '../common/auth/access.decorator.js';
import { CurrentAdmin } from '../common/auth/current-admin.decorator.js';
import type { AdminPrincipal } from '../common/auth/principal.js';
import { ListMetadata } from '../common/graphql/list.js';
import type { UserLoaders } from '../users/users.loaders.js';
import { User } from '../users/user.entity.js';
import { BlockUserArgs, CloseFraudFlagArgs, CreateFraudFlagInput, FraudFlagListArgs, SetFraudExemptionArgs } from './dto/fraud-flag.inputs.js';
import { FraudFlag, FraudFlagStatus } from './fraud-flag.entity.js';
import { FraudCase, FraudCaseArgs } from './fraud-case.js';
import { FraudService } from './fraud.service.js';

/** The FraudFlag admin resource and user moderation (block, unblock, exemption). Admins only. */
@Resolver(() => FraudFlag)
@AdminOnly()
export class FraudResolver {
  constructor(@Inject(FraudService) private readonly fraud: FraudService) {}

  @Query(() => FraudFlag, { name: 'FraudFlag', nullable: true })
  fraudFlag(@Args('id', { type: () => ID }) id: string) {
    return this.fraud.findOne(id);
  }

  @Query(() => [FraudFlag])
  allFraudFlags(@Args() args: FraudFlagListArgs) {
    return this.fraud.findAll(args);
  }

  @Query(() => [FraudCase], { description: 'Open flags grouped by the evidence they share (one device, IP address or UPI ID), most severe first' })
  fraudCases(@Args() { page, perPage }: FraudCaseArgs) {
    return this.fraud.cases(page ?? 0, perPage ?? 25);
  }

  @Query(() => ListMetadata)
  async _allFraudFlagsMeta(@Args() args: FraudFlagListArgs): Promise<ListMetadata> {
    return { count: await this.fraud.count(args) };
  }

  @Mutation(() => FraudFlag, { description: 'An OPEN flag raised by an admin; the user becomes SUSPICIOUS unless BLOCKED' })
  createFraudFlag(@Args('input') input: CreateFraudFlagInput, @CurrentAdmin() admin: AdminPrincipal) {
    return this.fraud.create(input, admin);
  }

  @Mutation(() => FraudFlag, { description: 'OPEN → RESOLVED; the user is ACTIVE again once no flag is open (unless BLOCKED)' })
  resolveFraudFlag(@Args() { id, note }: CloseFraudFlagArgs, @CurrentAdmin() admin: AdminPrincipal) {
    return this.fraud.close(id, FraudFlagStatus.RESOLVED, note, admin);
  }

  @Mutation(() => FraudFlag, { description: 'OPEN → DISMISSED (a false alarm); the user is ACTIVE again once no flag is open (unless BLOCKED)' })
  dismissFraudFlag(@Args() { id, note }: CloseFraudFlagArgs, @CurrentAdmin() admin: AdminPrincipal) {
    return this.fraud.close(id, FraudFlagStatus.DISMISSED, note, admin);
  }

  @Mutation(() => [FraudFlag], {
    description: 'Runs every fraud rule for the user now (even while fraud_checks_enabled is off; not for an exempt user) and returns their open flags',
  })
  runFraudChecks(@Args('userId', { type: () => ID }) userId: string) {
    return this.fraud.runChecks(userId);
  }

  @Mutation(() => User, {
    description: 'BLOCKED: earns no new commission, has nothing released, cannot withdraw; an open withdrawal request is rejected and its money returned',
  })
  blockUser(@Args() { id, reason }: BlockUserArgs, @CurrentAdmin() admin: AdminPrincipal) {
    return this.fraud.block(id, reason, admin);
  }

  @Mutation(() => User, { description: 'BLOCKED → SUSPICIOUS while open fraud flags remain, else ACTIVE' })
  unblockUser(@Args('id', { type: () => ID }) id: string) {
    return this.fraud.unblock(id);
  }

  @Mutation(() => User, { description: 'Exempt users are skipped by the automatic fraud checks (a known shared IP, say)' })
  setFraudExemption(@Args() { userId, exempt, note }: SetFraudExemptionArgs) {
    return this.fraud.setExemption(userId, exempt, note);
  }

  @ResolveField(() => User, { nullable: true })
  user(@Parent() flag: FraudFlag, @Context('loaders') loaders: UserLoaders) {
    return loaders.users.load(Number(flag.userId));
  }

  @ResolveField(() => User, { nullable: true, description: 'The admin who raised it; null for automatic flags' })
  createdBy(@Parent() flag: FraudFlag, @Context('loaders') loaders: UserLoaders) {
    return flag.createdById ? loaders.users.load(Number(flag.createdById)) : null;
  }

  @ResolveField(() => User, { nullable: true, description: 'The admin who resolved or dismissed it' })
  resolvedBy(@Parent() flag: FraudFlag, @Context('loaders') loaders: UserLoaders) {
    return flag.resolvedById ? loaders.users.load(Number(flag.resolvedById)) : null;
  }
}
