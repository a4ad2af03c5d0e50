import { Module } from '@nestjs/common';
import { CommissionsRepository } from './commissions.repository.js';
import { CommissionsResolver } from './commissions.resolver.js';
import { CommissionsService } from './commissions.service.js';

@Module({
  providers: [CommissionsService, CommissionsRepository, CommissionsResolver],
  exports: [CommissionsService],
})
export class CommissionsModule {}
