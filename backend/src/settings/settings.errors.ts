import { CodedException } from '../common/errors/domain.exception.js';
import { defineErrors } from '../common/errors/error-catalog.js';
import { ErrorCode } from '../common/errors/error-code.js';

export enum SettingError {
  INVALID_SETTING = 'INVALID_SETTING',
}

export const SETTING_ERRORS = defineErrors<SettingError>('settings', {
  INVALID_SETTING: {
    code: ErrorCode.BAD_USER_INPUT,
    message: 'The value is not valid for this setting',
    description: "A setting's value has the wrong type or is out of bounds, or would make price, cost and commission rates inconsistent.",
  },
});

export class SettingException extends CodedException<SettingError> {
  constructor(reason: SettingError, message?: string, details?: Record<string, unknown>) {
    super(SETTING_ERRORS, reason, message, details);
  }
}
