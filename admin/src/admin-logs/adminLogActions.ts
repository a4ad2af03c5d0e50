import { inWords, wordedChoices } from '../common/choices';

/**
 * Every action the admin log records, in the order the action filter lists them: the audit
 * interceptor names a row after the admin mutation that wrote it, and the CLI names its own
 * (`cli:…`). Each has words under app.admin_log.actions; a row whose action is not here (a
 * mutation added later) shows its raw name.
 */
export const ADMIN_LOG_ACTIONS = [
  'approveWithdrawal',
  'rejectWithdrawal',
  'sendPayouts',
  'markWithdrawalPaid',
  'refundOrder',
  'reviewPaymentEvent',
  'processPendingCommissions',
  'blockUser',
  'unblockUser',
  'runFraudChecks',
  'setFraudExemption',
  'createFraudFlag',
  'resolveFraudFlag',
  'dismissFraudFlag',
  'rebuildReferralStats',
  'updateSetting',
  'createAdmin',
  'updateAdminRole',
  'disableAdmin',
  'enableAdmin',
  'updateMyName',
  'changePassword',
  'cli:reset-admin-password',
] as const;

/** Where the actions' words live. */
const ADMIN_LOG_ACTION_WORDS = 'app.admin_log.actions';

/** The translation key of an action's words. */
export const adminLogActionKey = (action: string) => `${ADMIN_LOG_ACTION_WORDS}.${action}`;

/** An action in words, or its raw name when it has none (a mutation added later). */
export function adminLogActionWords(translate: (key: string, options?: Record<string, unknown>) => string, action: string): string {
  return inWords(translate, ADMIN_LOG_ACTION_WORDS, action);
}

/** The action filter's choices, worded (SelectInput translates `name`). */
export const ADMIN_LOG_ACTION_CHOICES = wordedChoices(ADMIN_LOG_ACTIONS, ADMIN_LOG_ACTION_WORDS);

/**
 * Where a log row's target opens: its show page, else its edit page (settings), else nowhere
 * (no such resource, or no id: a bulk action).
 */
export function adminLogTargetPath(
  targetType: string | null | undefined,
  targetId: string | null | undefined,
  resources: Record<string, { hasShow?: boolean; hasEdit?: boolean } | undefined>,
): string | null {
  if (!targetType || !targetId) return null;
  const resource = resources[targetType];
  if (resource?.hasShow) return `/${targetType}/${encodeURIComponent(targetId)}/show`;
  if (resource?.hasEdit) return `/${targetType}/${encodeURIComponent(targetId)}`;
  return null;
}
