import { Global, Module } from '@nestjs/common';
import { FraudCheckService } from './fraud-check.service.js';
import { FraudRepository } from './fraud.repository.js';

/**
 * The automatic fraud checks, global like settings and audit: registration, orders and
 * withdrawals call them after their own transaction, and the scheduled scan runs them.
 */
@Global()
@Module({ providers: [FraudRepository, FraudCheckService], exports: [FraudRepository, FraudCheckService] })
export class FraudCheckModule {}
