import { CodedException } from '../common/errors/domain.exception.js';
import { defineErrors } from '../common/errors/error-catalog.js';
import { ErrorCode } from '../common/errors/error-code.js';

export enum CommissionError {
  RELEASE_IN_PROGRESS = 'RELEASE_IN_PROGRESS',
}

export const COMMISSION_ERRORS = defineErrors<CommissionError>('commissions', {
  RELEASE_IN_PROGRESS: {
    code: ErrorCode.CONFLICT,
    message: 'A commission release is already running; try again when it has finished',
    description: 'Another commission release holds the lease; retry when it has finished.',
  },
});

export class CommissionException extends CodedException<CommissionError> {
  constructor(reason: CommissionError, message?: string, details?: Record<string, unknown>) {
    super(COMMISSION_ERRORS, reason, message, details);
  }
}
