import { Module } from '@nestjs/common';
import { CommissionsResolver } from './commissions.resolver.js';
import { CommissionsService } from './commissions.service.js';

@Module({
  providers: [CommissionsService, CommissionsResolver],
  exports: [CommissionsService],
})
export class CommissionsModule {}
