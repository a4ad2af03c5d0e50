import { Module } from '@nestjs/common';
import { WithdrawalsResolver } from './withdrawals.resolver.js';
import { WithdrawalsService } from './withdrawals.service.js';

@Module({ providers: [WithdrawalsService, WithdrawalsResolver], exports: [WithdrawalsService] })
export class WithdrawalsModule {}
