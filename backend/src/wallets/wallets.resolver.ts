import { Inject } from '@nestjs/common';
import { Args, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { AdminOnly, BotOrAdmin } from '../common/auth/access.decorator.js';
import { parseId } from '../common/graphql/ids.js';
import { ListMetadata, ListQuery } from '../common/graphql/list.js';
import { ReconciliationReport, type WalletTransactionFilter, WalletTransactionListArgs, WalletTransactionsArgs } from './dto/wallet.inputs.js';
import { Wallet, WalletTransaction } from './wallet.entity.js';
import { WalletsService } from './wallets.service.js';

const list = new ListQuery<WalletTransactionFilter>({
  sortable: { id: 't.id', createdAt: 't.created_at', amount: 't.amount', type: 't.type', userId: 't.user_id' },
  defaultSort: { field: 'id', order: 'DESC' },
  tieBreaker: 't.id',
  applyFilter: (query, filter) => {
    // The ledger is searched by what an admin holds in hand: an entry, order or withdrawal id,
    // or who caused it (`bot`, `system`, `admin:<id>`).
    const text = filter.q?.trim();
    if (text && /^\d{1,18}$/.test(text)) query.andWhere('(t.id = :exact OR t.order_id = :exact OR t.withdrawal_id = :exact)', { exact: text });
    else if (text) query.andWhere('t.actor = :actor', { actor: text.toLowerCase() });
    if (filter.userId) query.andWhere('t.user_id = :userId', { userId: filter.userId });
    if (filter.type) query.andWhere('t.type = :type', { type: filter.type });
    if (filter.bucket) query.andWhere('t.bucket = :bucket', { bucket: filter.bucket });
    if (filter.orderId) query.andWhere('t.order_id = :orderId', { orderId: filter.orderId });
    if (filter.withdrawalId) query.andWhere('t.withdrawal_id = :withdrawalId', { withdrawalId: filter.withdrawalId });
  },
});

@Resolver(() => Wallet)
@AdminOnly()
export class WalletsResolver {
  constructor(
    @Inject(WalletsService) private readonly wallets: WalletsService,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  @Query(() => Wallet)
  @BotOrAdmin()
  wallet(@Args('telegramId') telegramId: string) {
    return this.wallets.byTelegramId(telegramId);
  }

  @ResolveField(() => Date, { nullable: true, description: 'When the earliest of the user’s PENDING commissions becomes AVAILABLE; null when none is pending' })
  @BotOrAdmin()
  nextReleaseAt(@Parent() wallet: Wallet) {
    return this.wallets.nextReleaseAt(wallet.userId);
  }

  @Query(() => [WalletTransaction], { description: 'A user\'s ledger entries, newest first' })
  @BotOrAdmin()
  walletTransactions(@Args() { telegramId, page, perPage }: WalletTransactionsArgs) {
    return this.wallets.transactions(telegramId, page ?? 0, perPage ?? 20);
  }

  @Query(() => ReconciliationReport, { description: 'Recomputes every wallet from the ledger and lists any drift' })
  walletReconciliation() {
    return this.wallets.reconcile();
  }

  @Query(() => WalletTransaction, { name: 'WalletTransaction', nullable: true })
  walletTransaction(@Args('id', { type: () => ID }) id: string) {
    return this.dataSource.getRepository(WalletTransaction).findOneBy({ id: parseId(id) });
  }

  @Query(() => [WalletTransaction])
  allWalletTransactions(@Args() args: WalletTransactionListArgs) {
    return list.rows(this.dataSource.getRepository(WalletTransaction).createQueryBuilder('t'), args);
  }

  @Query(() => ListMetadata)
  async _allWalletTransactionsMeta(@Args() args: WalletTransactionListArgs): Promise<ListMetadata> {
    return { count: await list.count(this.dataSource.getRepository(WalletTransaction).createQueryBuilder('t'), args) };
  }
}
