import { Inject } from '@nestjs/common';
import { Args, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AdminOnly, BotOrAdmin } from '../common/auth/access.decorator.js';
import { parseId } from '../common/graphql/ids.js';
import { ListMetadata } from '../common/graphql/list.js';
import { FIELD_COSTS } from '../common/graphql/query-limits.js';
import { ReconciliationReport, WalletTransactionListArgs, WalletTransactionsArgs } from './dto/wallet.inputs.js';
import { Wallet, WalletTransaction } from './wallet.entity.js';
import { WalletsService } from './wallets.service.js';

@Resolver(() => Wallet)
@AdminOnly()
export class WalletsResolver {
  constructor(@Inject(WalletsService) private readonly wallets: WalletsService) {}

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

  @Query(() => ReconciliationReport, { complexity: FIELD_COSTS.wholeDatabase, description: 'Recomputes every wallet from the ledger and lists any drift' })
  walletReconciliation() {
    return this.wallets.reconcile();
  }

  @Query(() => WalletTransaction, { name: 'WalletTransaction', nullable: true })
  walletTransaction(@Args('id', { type: () => ID }) id: string) {
    return this.wallets.findTransaction(parseId(id));
  }

  @Query(() => [WalletTransaction])
  allWalletTransactions(@Args() args: WalletTransactionListArgs) {
    return this.wallets.findAllTransactions(args);
  }

  @Query(() => ListMetadata)
  async _allWalletTransactionsMeta(@Args() args: WalletTransactionListArgs): Promise<ListMetadata> {
    return { count: await this.wallets.countTransactions(args) };
  }
}
