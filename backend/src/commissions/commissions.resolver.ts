import { Inject } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { AdminOnly, BotOrAdmin } from '../common/auth/access.decorator.js';
import { CurrentAdmin } from '../common/auth/current-admin.decorator.js';
import { actorName, type AdminPrincipal } from '../common/auth/principal.js';
import { ConflictException } from '../common/errors/domain.exception.js';
import { parseId } from '../common/graphql/ids.js';
import { ListMetadata, ListQuery } from '../common/graphql/list.js';
import type { UserLoaders } from '../users/users.loaders.js';
import { User } from '../users/user.entity.js';
import { Commission } from './commission.entity.js';
import { CommissionsService } from './commissions.service.js';
import { type CommissionFilter, CommissionListArgs } from './dto/commission.inputs.js';

const list = new ListQuery<CommissionFilter>({
  sortable: { id: 'c.id', createdAt: 'c.created_at', releaseAt: 'c.release_at', amount: 'c.amount', status: 'c.status', level: 'c.level' },
  defaultSort: { field: 'createdAt', order: 'DESC' },
  tieBreaker: 'c.id',
  applyFilter: (query, filter) => {
    if (filter.q && /^\d{1,18}$/.test(filter.q.trim())) query.andWhere('(c.id = :exact OR c.order_id = :exact)', { exact: filter.q.trim() });
    if (filter.status) query.andWhere('c.status = :status', { status: filter.status });
    if (filter.beneficiaryId) query.andWhere('c.beneficiary_id = :beneficiaryId', { beneficiaryId: filter.beneficiaryId });
    if (filter.orderId) query.andWhere('c.order_id = :orderId', { orderId: filter.orderId });
    if (filter.level) query.andWhere('c.level = :level', { level: filter.level });
  },
});

@Resolver(() => Commission)
@AdminOnly()
export class CommissionsResolver {
  constructor(
    @Inject(CommissionsService) private readonly commissions: CommissionsService,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  @Mutation(() => Int, {
    description: 'Releases every PENDING commission whose releaseAt has passed; returns how many. CONFLICT (reason RELEASE_IN_PROGRESS) while another release is running',
  })
  async processPendingCommissions(@CurrentAdmin() admin: AdminPrincipal): Promise<number> {
    const result = await this.commissions.releaseMatured(new Date(), undefined, actorName(admin));
    // 0 would read as "nothing was due" while another runner may be releasing thousands.
    if (result.skipped) throw new ConflictException('A commission release is already running; try again when it has finished', 'RELEASE_IN_PROGRESS');
    return result.released;
  }

  @Query(() => Commission, { name: 'Commission', nullable: true })
  commission(@Args('id', { type: () => ID }) id: string) {
    return this.dataSource.getRepository(Commission).findOneBy({ id: parseId(id) });
  }

  @Query(() => [Commission])
  allCommissions(@Args() args: CommissionListArgs) {
    return list.rows(this.dataSource.getRepository(Commission).createQueryBuilder('c'), args);
  }

  @Query(() => ListMetadata)
  async _allCommissionsMeta(@Args() args: CommissionListArgs): Promise<ListMetadata> {
    return { count: await list.count(this.dataSource.getRepository(Commission).createQueryBuilder('c'), args) };
  }

  @ResolveField(() => User)
  @BotOrAdmin()
  beneficiary(@Parent() commission: Commission, @Context('loaders') loaders: UserLoaders) {
    return loaders.users.load(commission.beneficiaryId);
  }
}
