import { Module } from '@nestjs/common';
import { WithdrawalsRepository } from './withdrawals.repository.js';
import { WithdrawalsResolver } from './withdrawals.resolver.js';
import { WithdrawalsService } from './withdrawals.service.js';

@Module({ providers: [WithdrawalsRepository, WithdrawalsService, WithdrawalsResolver], exports: [WithdrawalsService, WithdrawalsRepository] })
export class WithdrawalsModule {}
