import { Module } from '@nestjs/common';
import { ReportMaintenanceService } from './report-maintenance.service.js';
import { ReportingRepository } from './reporting.repository.js';
import { ReportingResolver } from './reporting.resolver.js';
import { ReportingService } from './reporting.service.js';

@Module({
  providers: [ReportingRepository, ReportingService, ReportMaintenanceService, ReportingResolver],
  exports: [ReportingService, ReportMaintenanceService],
})
export class ReportingModule {}
