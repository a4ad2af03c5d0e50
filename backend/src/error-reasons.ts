import { ADMIN_ERRORS } from './admins/admins.errors.js';
import { AUTH_ERRORS } from './common/auth/auth.errors.js';
import type { ErrorCatalog } from './common/errors/error-catalog.js';
import { COMMON_ERRORS } from './common/errors/domain.exception.js';
import { FRAUD_ERRORS } from './fraud/fraud.errors.js';
import { SETTING_ERRORS } from './settings/settings.errors.js';
import { WITHDRAWAL_ERRORS } from './withdrawals/withdrawals.errors.js';

/**
 * Every domain's error catalog: together they are the schema's `ErrorReason` enum (the values
 * `extensions.reason` can carry). A domain with a coded exception lists its catalog here.
 */
export const ERROR_CATALOGS: readonly ErrorCatalog[] = [COMMON_ERRORS, AUTH_ERRORS, ADMIN_ERRORS, FRAUD_ERRORS, SETTING_ERRORS, WITHDRAWAL_ERRORS];
