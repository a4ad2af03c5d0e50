import { Inject } from '@nestjs/common';
import { Args, Context, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { AdminOnly } from '../common/auth/access.decorator.js';
import { parseId } from '../common/graphql/ids.js';
import { likePattern, ListMetadata, ListQuery } from '../common/graphql/list.js';
import type { Loaders } from '../common/graphql/loaders.js';
import { User } from '../users/user.entity.js';
import { AdminLog } from './admin-log.entity.js';
import { type AdminLogFilter, AdminLogListArgs } from './dto/admin-log-filter.input.js';

const list = new ListQuery<AdminLogFilter>({
  sortable: { id: 'log.id', createdAt: 'log.created_at', action: 'log.action', adminId: 'log.admin_id', targetType: 'log.target_type' },
  defaultSort: { field: 'createdAt', order: 'DESC' },
  tieBreaker: 'log.id',
  applyFilter: (query, filter) => {
    if (filter.q) query.andWhere('(log.action ILIKE :q OR log.target_type ILIKE :q OR log.target_id ILIKE :q)', { q: likePattern(filter.q) });
    if (filter.adminId) query.andWhere('log.admin_id = :adminId', { adminId: filter.adminId });
    if (filter.action) query.andWhere('log.action = :action', { action: filter.action });
    if (filter.targetType) query.andWhere('log.target_type = :targetType', { targetType: filter.targetType });
    if (filter.targetId) query.andWhere('log.target_id = :targetId', { targetId: filter.targetId });
  },
});

/** The audit trail, read-only: rows are written by the AuditInterceptor and never changed. */
@Resolver(() => AdminLog)
@AdminOnly()
export class AuditResolver {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private query() {
    return this.dataSource.getRepository(AdminLog).createQueryBuilder('log');
  }

  @Query(() => AdminLog, { name: 'AdminLog', nullable: true })
  adminLog(@Args('id', { type: () => ID }) id: string) {
    return this.dataSource.getRepository(AdminLog).findOneBy({ id: parseId(id) });
  }

  @Query(() => [AdminLog])
  allAdminLogs(@Args() args: AdminLogListArgs) {
    return list.rows(this.query(), args);
  }

  @Query(() => ListMetadata)
  async _allAdminLogsMeta(@Args() args: AdminLogListArgs): Promise<ListMetadata> {
    return { count: await list.count(this.query(), args) };
  }

  @ResolveField(() => User, { nullable: true })
  admin(@Parent() log: AdminLog, @Context('loaders') loaders: Loaders) {
    return log.adminId ? loaders.users.load(log.adminId) : null;
  }
}
