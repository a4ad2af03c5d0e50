import { Inject } from '@nestjs/common';
import { Args, Context, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AdminOnly } from '../common/auth/access.decorator.js';
import { ListMetadata } from '../common/graphql/list.js';
import type { UserLoaders } from '../users/users.loaders.js';
import { User } from '../users/user.entity.js';
import { AdminLog } from './admin-log.entity.js';
import { AuditService } from './audit.service.js';
import { AdminLogListArgs } from './dto/admin-log-filter.input.js';

/** The audit trail, read-only: rows are written by the AuditInterceptor and never changed. */
@Resolver(() => AdminLog)
@AdminOnly()
export class AuditResolver {
  constructor(@Inject(AuditService) private readonly audit: AuditService) {}

  @Query(() => AdminLog, { name: 'AdminLog', nullable: true })
  adminLog(@Args('id', { type: () => ID }) id: string) {
    return this.audit.findOne(id);
  }

  @Query(() => [AdminLog])
  allAdminLogs(@Args() args: AdminLogListArgs) {
    return this.audit.findAll(args);
  }

  @Query(() => ListMetadata)
  async _allAdminLogsMeta(@Args() args: AdminLogListArgs): Promise<ListMetadata> {
    return { count: await this.audit.count(args) };
  }

  @ResolveField(() => User, { nullable: true })
  admin(@Parent() log: AdminLog, @Context('loaders') loaders: UserLoaders) {
    return log.adminId ? loaders.users.load(log.adminId) : null;
  }
}
