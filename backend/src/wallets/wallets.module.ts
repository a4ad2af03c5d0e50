import { Module } from '@nestjs/common';
import { WalletsResolver } from './wallets.resolver.js';
import { WalletsService } from './wallets.service.js';

@Module({
  providers: [WalletsService, WalletsResolver],
  exports: [WalletsService],
})
export class WalletsModule {}
