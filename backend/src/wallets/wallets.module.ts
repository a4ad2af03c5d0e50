import { Module } from '@nestjs/common';
import { WalletBalanceRepository } from './wallet-balance.repository.js';
import { WalletTransactionResolver } from './wallet-transaction.resolver.js';
import { WalletsResolver } from './wallets.resolver.js';
import { WalletsService } from './wallets.service.js';

@Module({
  providers: [WalletBalanceRepository, WalletsService, WalletsResolver, WalletTransactionResolver],
  exports: [WalletsService, WalletBalanceRepository],
})
export class WalletsModule {}
