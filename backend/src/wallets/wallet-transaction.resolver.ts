import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AdminOnly } from '../common/auth/access.decorator.js';
import type { WalletLoaders } from './wallets.loaders.js';
import { MoneyScalar } from '../common/graphql/money.scalar.js';
import { walletChange } from './wallet-balance.js';
import { WalletTransaction } from './wallet.entity.js';

/** A ledger entry read as a statement line: its signed effect and the balance after it. */
@Resolver(() => WalletTransaction)
@AdminOnly()
export class WalletTransactionResolver {
  @ResolveField(() => MoneyScalar, {
    description: "What the entry did to the user's wallet balance (pending + available + locked): + in, − out, 0 for a move inside it",
  })
  walletChange(@Parent() entry: WalletTransaction): number {
    return walletChange(entry);
  }

  @ResolveField(() => MoneyScalar, {
    nullable: true,
    description: "The user's wallet balance (pending + available + locked) right after this entry; one query per page",
  })
  balanceAfter(@Parent() entry: WalletTransaction, @Context('loaders') loaders: WalletLoaders) {
    return loaders.balanceAfter.load(Number(entry.id));
  }
}
