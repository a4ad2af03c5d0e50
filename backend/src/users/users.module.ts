import { Module } from '@nestjs/common';
import { AdminAccounts } from '../common/auth/admin-accounts.js';
import { ReportingModule } from '../reporting/reporting.module.js';
import { UsersRepository } from './users.repository.js';
import { UsersResolver } from './users.resolver.js';
import { UsersService } from './users.service.js';

@Module({
  // the unfiltered list's count comes from the reports' rollups
  imports: [ReportingModule],
  // The admin token check (common/auth) reads accounts through AdminAccounts: the users table is this module's.
  providers: [UsersRepository, UsersService, UsersResolver, { provide: AdminAccounts, useExisting: UsersRepository }],
  exports: [UsersService, UsersRepository, AdminAccounts],
})
export class UsersModule {}
