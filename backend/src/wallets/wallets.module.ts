import { Module } from '@nestjs/common';
import { WalletTransactionResolver } from './wallet-transaction.resolver.js';
import { WalletsResolver } from './wallets.resolver.js';
import { WalletsRepository } from './wallets.repository.js';
import { WalletsService } from './wallets.service.js';

@Module({
  providers: [WalletsService, WalletsRepository, WalletsResolver, WalletTransactionResolver],
  exports: [WalletsService, WalletsRepository],
})
export class WalletsModule {}
