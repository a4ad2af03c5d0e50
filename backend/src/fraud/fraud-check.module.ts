import { Global, Module } from '@nestjs/common';
import { FraudCheckService } from './fraud-check.service.js';

/**
 * The automatic fraud checks, global like settings and audit: registration, orders and
 * withdrawals call them after their own transaction, and the scheduled scan runs them.
 */
@Global()
@Module({ providers: [FraudCheckService], exports: [FraudCheckService] })
export class FraudCheckModule {}
