import { Module } from '@nestjs/common';
import { ReferralsRepository } from './referrals.repository.js';
import { ReferralsResolver } from './referrals.resolver.js';
import { ReferralsService } from './referrals.service.js';
import { ReferrersResolver } from './referrers.resolver.js';
import { ReferrersService } from './referrers.service.js';
import { RegistrationService } from './registration.service.js';
import { UserReferralsResolver } from './user-referrals.resolver.js';

/** Registration with attribution, referral stats and trees, and the Referral and Referrer resources. */
@Module({
  providers: [ReferralsRepository, RegistrationService, ReferralsService, ReferrersService, ReferralsResolver, ReferrersResolver, UserReferralsResolver],
  exports: [ReferralsService, ReferralsRepository],
})
export class ReferralsModule {}
