import { maxLength, minLength } from 'react-admin';

/** The API's rule for a new password (backend MIN_PASSWORD_LENGTH / MAX_PASSWORD_LENGTH). */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** Validators and the helper text that states the rule before anything is typed. */
export const newPasswordRules = {
  validate: [minLength(PASSWORD_MIN_LENGTH), maxLength(PASSWORD_MAX_LENGTH)],
  helperText: 'app.change_password.rules',
};
