import { CodedException } from '../common/errors/domain.exception.js';
import { defineErrors } from '../common/errors/error-catalog.js';
import { ErrorCode } from '../common/errors/error-code.js';

/** Why a report cannot be computed as asked. */
export enum ReportingError {
  INVALID_RANGE = 'INVALID_RANGE',
  TOO_MANY_BUCKETS = 'TOO_MANY_BUCKETS',
}

export const REPORTING_ERRORS = defineErrors<ReportingError>('reporting', {
  INVALID_RANGE: { code: ErrorCode.BAD_USER_INPUT, message: 'from must be before to', description: 'A report range whose start is not before its end.' },
  TOO_MANY_BUCKETS: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'Too many buckets; choose a shorter range or a longer interval',
    description: 'A report series would have more than 1,000 buckets.',
  },
});

export class ReportingException extends CodedException<ReportingError> {
  constructor(reason: ReportingError, message?: string, details?: Record<string, unknown>) {
    super(REPORTING_ERRORS, reason, message, details);
  }
}
