import { ADMIN_ERRORS } from './admins/admins.errors.js';
import { AUTH_ERRORS } from './common/auth/auth.errors.js';
import type { ErrorCatalog } from './common/errors/error-catalog.js';
import { COMMON_ERRORS } from './common/errors/domain.exception.js';
import { REQUEST_ERRORS } from './common/errors/request-errors.js';
import { COMMISSION_ERRORS } from './commissions/commissions.errors.js';
import { ORDER_ERRORS } from './orders/orders.errors.js';
import { PAYMENT_ERRORS } from './payments/payments.errors.js';
import { REPORTING_ERRORS } from './reporting/reporting.errors.js';
import { PAYOUT_ERRORS } from './payouts/payouts.errors.js';
import { FRAUD_ERRORS } from './fraud/fraud.errors.js';
import { SETTING_ERRORS } from './settings/settings.errors.js';
import { WITHDRAWAL_ERRORS } from './withdrawals/withdrawals.errors.js';

/**
 * Every domain's error catalog: together they are the schema's `ErrorReason` enum (the values
 * `extensions.reason` can carry). A domain with a coded exception lists its catalog here.
 */
export const ERROR_CATALOGS: readonly ErrorCatalog[] = [COMMON_ERRORS, REQUEST_ERRORS, ORDER_ERRORS, COMMISSION_ERRORS, PAYMENT_ERRORS, REPORTING_ERRORS, PAYOUT_ERRORS, AUTH_ERRORS, ADMIN_ERRORS, FRAUD_ERRORS, SETTING_ERRORS, WITHDRAWAL_ERRORS];
