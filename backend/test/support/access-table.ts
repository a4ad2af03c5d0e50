/**
 * Who may call each operation, written from ../shared/CONTRACT.md ("Principals", "Bot
 * operations", "Admin operations", "Admin resources"), NOT read from the resolvers' decorators:
 * widening an operation in the code (confirmPayment opened to admins, say) must fail a test.
 *
 *   bot          the bot operations
 *   ADMIN        every read; withdrawals, orders, users, fraud operations
 *   SUPER_ADMIN  all an admin may, plus settings and admin accounts
 *   anonymous    login only
 *
 * Operations the contract does not name carry the least privilege that fits, marked `// not in
 * the contract`. A new operation must be added here (the access test fails until it is).
 */
export type Caller = 'anonymous' | 'bot' | 'ADMIN' | 'SUPER_ADMIN';

const ANYONE: Caller[] = ['anonymous', 'bot', 'ADMIN', 'SUPER_ADMIN'];
const BOT: Caller[] = ['bot'];
const BOT_AND_ADMINS: Caller[] = ['bot', 'ADMIN', 'SUPER_ADMIN'];
const ADMINS: Caller[] = ['ADMIN', 'SUPER_ADMIN'];
const SUPER_ADMIN: Caller[] = ['SUPER_ADMIN'];

/** `query X` / `mutation X` → the callers allowed through the access guard. */
export const ACCESS_TABLE: Record<string, Caller[]> = {
  // Anyone
  'mutation login': ANYONE,

  // Bot operations (queries are reads, which admins may make too)
  'mutation registerUser': BOT,
  'mutation createOrder': BOT,
  'mutation confirmPayment': BOT,
  'mutation failPayment': BOT,
  'mutation requestWithdrawal': BOT,
  'query userByTelegramId': BOT_AND_ADMINS,
  'query order': BOT_AND_ADMINS,
  'query wallet': BOT_AND_ADMINS,
  'query walletTransactions': BOT_AND_ADMINS,
  'query referralStats': BOT_AND_ADMINS,
  'query referralTree': BOT_AND_ADMINS,
  'query programTerms': BOT_AND_ADMINS, // contract: "New bot operations" (bot and admins)
  'mutation createPaymentLink': BOT, // contract: "New bot operations"

  // Admin operations: money, orders, users, fraud
  'mutation processPendingCommissions': ADMINS,
  'mutation approveWithdrawal': ADMINS,
  'mutation rejectWithdrawal': ADMINS,
  'mutation markWithdrawalPaid': ADMINS,
  'mutation sendPayouts': ADMINS,
  'query payoutFile': ADMINS,
  'mutation refundOrder': ADMINS,
  'mutation blockUser': ADMINS,
  'mutation unblockUser': ADMINS,
  'mutation createFraudFlag': ADMINS,
  'mutation resolveFraudFlag': ADMINS,
  'mutation runFraudChecks': ADMINS,
  'mutation dismissFraudFlag': ADMINS, // not in the contract: a fraud operation, like resolveFraudFlag
  'mutation setFraudExemption': ADMINS, // not in the contract: a fraud operation
  'mutation changePassword': ADMINS, // not in the contract: each admin's own password
  'query me': ADMINS, // not in the contract: the signed-in admin
  'query walletReconciliation': ADMINS, // not in the contract: a read
  'mutation updateMyName': ADMINS, // not in the contract: each admin's own display name
  'query fraudCases': ADMINS, // not in the contract: a read of fraud flags
  'mutation reviewPaymentEvent': ADMINS, // not in the contract: a payment operation (an admin clears a flagged gateway event)

  // Reporting (contract: "Reporting (admin and super admin, read-only)")
  'query dashboardStats': ADMINS,
  'query reportSeries': ADMINS,
  'query kpis': ADMINS,
  'query paymentMonitoring': ADMINS,
  'query stalePendingOrders': ADMINS, // not in the contract: a reporting read
  'query recentFailedPayments': ADMINS, // not in the contract: a reporting read
  'query reportingTimeZone': ADMINS, // not in the contract: a reporting read
  'query reportDrift': ADMINS, // not in the contract: reconciliation of the reports, a read

  // Super admin: settings and admin accounts
  'mutation updateSetting': SUPER_ADMIN,
  'mutation createAdmin': SUPER_ADMIN,
  'mutation updateAdminRole': SUPER_ADMIN, // not in the contract: admin accounts
  'mutation disableAdmin': SUPER_ADMIN, // not in the contract: admin accounts
  'mutation enableAdmin': SUPER_ADMIN, // not in the contract: admin accounts
  'mutation rebuildReferralStats': SUPER_ADMIN, // not in the contract: a maintenance job that rewrites referral_stats
  'query Admin': SUPER_ADMIN, // admin accounts
  'query allAdmins': SUPER_ADMIN,
  'query _allAdminsMeta': SUPER_ADMIN,
};

// Admin resources (react-admin convention): every read is open to admins.
for (const resource of ['User', 'Order', 'Commission', 'Withdrawal', 'WalletTransaction', 'FraudFlag', 'AdminLog', 'Setting', 'Referral', 'Referrer', 'PaymentEvent', 'PayoutEvent']) {
  ACCESS_TABLE[`query ${resource}`] = ADMINS;
  ACCESS_TABLE[`query all${resource}s`] = ADMINS;
  ACCESS_TABLE[`query _all${resource}sMeta`] = ADMINS;
}
