import { Module } from '@nestjs/common';
import { WithdrawalRiskRepository } from './withdrawal-risk.repository.js';
import { WithdrawalsResolver } from './withdrawals.resolver.js';
import { WithdrawalsService } from './withdrawals.service.js';

@Module({ providers: [WithdrawalRiskRepository, WithdrawalsService, WithdrawalsResolver], exports: [WithdrawalsService, WithdrawalRiskRepository] })
export class WithdrawalsModule {}
