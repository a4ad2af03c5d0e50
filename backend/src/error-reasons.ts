import type { ErrorCatalog } from './common/errors/error-catalog.js';
import { COMMON_ERRORS } from './common/errors/domain.exception.js';
import { PAYOUT_ERRORS } from './payouts/payouts.errors.js';

/**
 * Every domain's error catalog: together they are the schema's `ErrorReason` enum (the values
 * `extensions.reason` can carry). A domain with a coded exception lists its catalog here.
 */
export const ERROR_CATALOGS: readonly ErrorCatalog[] = [COMMON_ERRORS, PAYOUT_ERRORS];
