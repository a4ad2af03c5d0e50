import { Module } from '@nestjs/common';
import { WithdrawalsModule } from '../withdrawals/withdrawals.module.js';
import { FraudCheckModule } from './fraud-check.module.js';
import { FraudResolver } from './fraud.resolver.js';
import { FraudService } from './fraud.service.js';

/** Fraud flags and user moderation for admins; the checks themselves are FraudCheckModule. */
@Module({
  imports: [FraudCheckModule, WithdrawalsModule],
  providers: [FraudService, FraudResolver],
})
export class FraudModule {}
