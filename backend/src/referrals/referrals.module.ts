import { Module } from '@nestjs/common';
import { ReferralsResolver } from './referrals.resolver.js';
import { ReferralsService } from './referrals.service.js';
import { ReferrersResolver } from './referrers.resolver.js';
import { ReferrersService } from './referrers.service.js';
import { RegistrationService } from './registration.service.js';

/** Registration with attribution, conversions, referral stats and trees, and the Referral and Referrer resources. */
@Module({
  providers: [RegistrationService, ReferralsService, ReferrersService, ReferralsResolver, ReferrersResolver],
  exports: [ReferralsService],
})
export class ReferralsModule {}
