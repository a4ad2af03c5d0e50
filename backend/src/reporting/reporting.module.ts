import { Module } from '@nestjs/common';
import { ReportMaintenanceService } from './report-maintenance.service.js';
import { ReportingResolver } from './reporting.resolver.js';
import { ReportingService } from './reporting.service.js';

@Module({
  providers: [ReportingService, ReportMaintenanceService, ReportingResolver],
  exports: [ReportingService, ReportMaintenanceService],
})
export class ReportingModule {}
