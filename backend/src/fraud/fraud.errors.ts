import { CodedException } from '../common/errors/domain.exception.js';
import { defineErrors } from '../common/errors/error-catalog.js';
import { ErrorCode } from '../common/errors/error-code.js';

export enum FraudError {
  DUPLICATE_FLAG = 'DUPLICATE_FLAG',
  INVALID_TRANSITION = 'INVALID_TRANSITION',
  ALREADY_BLOCKED = 'ALREADY_BLOCKED',
  NOT_BLOCKED = 'NOT_BLOCKED',
}

export const FRAUD_ERRORS = defineErrors<FraudError>('fraud', {
  DUPLICATE_FLAG: {
    code: ErrorCode.CONFLICT,
    message: 'The user already has an open flag of this type for this reason',
    description: 'An admin flag repeats the type and reason of one still OPEN on the user.',
  },
  INVALID_TRANSITION: {
    code: ErrorCode.CONFLICT,
    message: 'This record is not in a state that allows this',
    description: 'A wrong state transition (closing a flag that is not OPEN), or a lost race with another change.',
  },
  ALREADY_BLOCKED: { code: ErrorCode.CONFLICT, message: 'The user is already blocked', description: 'blockUser on a user who is BLOCKED.' },
  NOT_BLOCKED: { code: ErrorCode.CONFLICT, message: 'The user is not blocked', description: 'unblockUser on a user who is not BLOCKED.' },
});

export class FraudException extends CodedException<FraudError> {
  constructor(reason: FraudError, message?: string, details?: Record<string, unknown>) {
    super(FRAUD_ERRORS, reason, message, details);
  }
}
