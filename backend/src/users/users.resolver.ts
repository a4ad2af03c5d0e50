import { Inject } from '@nestjs/common';
import { Args, Context, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AdminOnly, BotOrAdmin } from '../common/auth/access.decorator.js';
import { ListMetadata } from '../common/graphql/list.js';
import { UserListArgs } from './dto/user-filter.input.js';
import { User } from './user.entity.js';
import type { UserLoaders } from './users.loaders.js';
import { UsersService } from './users.service.js';

/**
 * Users for the bot (by Telegram id) and the admin panel's User resource; fields every reader of
 * a User sees (the referral fields, `type` and `stats`, come from the referrals module).
 */
@Resolver(() => User)
@BotOrAdmin()
export class UsersResolver {
  constructor(@Inject(UsersService) private readonly users: UsersService) {}

  @Query(() => User, { nullable: true, description: 'null when the bot has never registered this Telegram id' })
  userByTelegramId(@Args('telegramId') telegramId: string) {
    return this.users.findByTelegramId(telegramId);
  }

  @Query(() => User, { name: 'User', nullable: true })
  @AdminOnly()
  user(@Args('id', { type: () => ID }) id: string) {
    return this.users.findOne(id);
  }

  @Query(() => [User])
  @AdminOnly()
  allUsers(@Args() args: UserListArgs) {
    return this.users.findAll(args);
  }

  @Query(() => ListMetadata)
  @AdminOnly()
  async _allUsersMeta(@Args() args: UserListArgs): Promise<ListMetadata> {
    return { count: await this.users.count(args) };
  }

  @ResolveField(() => User, { nullable: true, description: 'Who referred this user (null when unattributed)' })
  referredBy(@Parent() user: User, @Context('loaders') loaders: UserLoaders) {
    return user.referredById ? loaders.users.load(user.referredById) : null;
  }

  @ResolveField(() => String, { nullable: true, description: 'https://t.me/<bot>?start=ref_<code>; null while BOT_USERNAME is not configured' })
  referralLink(@Parent() user: User) {
    return this.users.referralLink(user);
  }
}
