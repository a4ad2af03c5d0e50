// The operations the panel writes by hand; everything else is generated from the schema.
// test/schema-contract.test.ts validates each of them against the backend's schema.

import { KPI_FIELDS, PAYMENT_MONITORING_FIELDS, PERIOD_STATS_FIELDS } from '../reports/reportingOperations';

const ADMIN_FIELDS = 'id telegramId username role active lastLoginAt createdAt';

export const LOGIN = `
  mutation Login($telegramId: String!, $password: String!) {
    login(telegramId: $telegramId, password: $password) {
      accessToken
      expiresAt
      admin { id telegramId username firstName role }
    }
  }
`;

export const CHANGE_PASSWORD = `
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)
  }
`;

export const UPDATE_MY_NAME = `
  mutation UpdateMyName($firstName: String!, $lastName: String) {
    updateMyName(firstName: $firstName, lastName: $lastName) { id telegramId username firstName lastName role }
  }
`;

export const DISABLE_ADMIN = `
  mutation DisableAdmin($id: ID!) {
    disableAdmin(id: $id) { ${ADMIN_FIELDS} }
  }
`;

export const ENABLE_ADMIN = `
  mutation EnableAdmin($id: ID!) {
    enableAdmin(id: $id) { ${ADMIN_FIELDS} }
  }
`;

export const UPDATE_ADMIN_ROLE = `
  mutation UpdateAdminRole($id: ID!, $role: AdminRole!) {
    updateAdminRole(id: $id, role: $role) { ${ADMIN_FIELDS} }
  }
`;

// Money: orders, commissions, withdrawals, the ledger.

const ORDER_FIELDS = 'id status amount transactionId paidAt refundedAt refundReason updatedAt';

export const REFUND_ORDER = `
  mutation RefundOrder($id: ID!, $reason: String!) {
    refundOrder(id: $id, reason: $reason) { ${ORDER_FIELDS} }
  }
`;

export const PROCESS_PENDING_COMMISSIONS = `
  mutation ProcessPendingCommissions {
    processPendingCommissions
  }
`;

const WITHDRAWAL_FIELDS =
  'id status amount upiId payoutReference rejectReason approvedAt rejectedAt paidAt updatedAt providerPayoutId failureReason';

export const APPROVE_WITHDRAWAL = `
  mutation ApproveWithdrawal($id: ID!) {
    approveWithdrawal(id: $id) { ${WITHDRAWAL_FIELDS} }
  }
`;

export const REJECT_WITHDRAWAL = `
  mutation RejectWithdrawal($id: ID!, $reason: String!) {
    rejectWithdrawal(id: $id, reason: $reason) { ${WITHDRAWAL_FIELDS} }
  }
`;

export const MARK_WITHDRAWAL_PAID = `
  mutation MarkWithdrawalPaid($id: ID!, $payoutReference: String!) {
    markWithdrawalPaid(id: $id, payoutReference: $payoutReference) { ${WITHDRAWAL_FIELDS} }
  }
`;

export const WALLET = `
  query Wallet($telegramId: String!) {
    wallet(telegramId: $telegramId) {
      userId pending available locked totalEarned totalWithdrawn updatedAt
    }
  }
`;

export const WALLET_RECONCILIATION = `
  query WalletReconciliation {
    walletReconciliation {
      checkedAt checkedWallets driftedWallets
      drift { userId field cached expected }
    }
  }
`;

/**
 * Everything the dashboard shows, in one request: the reporting figures (CONTRACT.md
 * "Reporting"), the chart's series, and the action queues. The pending withdrawals' amounts are
 * summed in the browser over at most PENDING_WITHDRAWALS_SUMMED rows.
 */
export const DASHBOARD = `
  query Dashboard(
    $pendingWithdrawalsSummed: Int!
    $seriesFrom: DateTime!
    $seriesTo: DateTime!
    $seriesInterval: ReportInterval!
    $kpisFrom: DateTime!
    $todayFrom: DateTime!
    $now: DateTime!
  ) {
    stats: dashboardStats {
      asOf
      today { ${PERIOD_STATS_FIELDS} }
      yesterday { ${PERIOD_STATS_FIELDS} }
      overall { ${PERIOD_STATS_FIELDS} }
      liabilities { pending available locked }
    }
    series: reportSeries(from: $seriesFrom, to: $seriesTo, interval: $seriesInterval) { ${PERIOD_STATS_FIELDS} }
    kpis(from: $kpisFrom, to: $now) { ${KPI_FIELDS} }
    payments: paymentMonitoring(from: $todayFrom, to: $now) { ${PAYMENT_MONITORING_FIELDS} }
    pendingWithdrawals: _allWithdrawalsMeta(filter: { status: PENDING }) { count }
    pendingWithdrawalAmounts: allWithdrawals(
      filter: { status: PENDING }
      perPage: $pendingWithdrawalsSummed
      sortField: "createdAt"
      sortOrder: "ASC"
    ) { id amount createdAt }
    approvedWithdrawals: _allWithdrawalsMeta(filter: { status: APPROVED }) { count }
    failedWithdrawals: _allWithdrawalsMeta(filter: { status: FAILED }) { count }
    latestPaidOrders: allOrders(
      filter: { status: PAID }
      perPage: 5
      sortField: "paidAt"
      sortOrder: "DESC"
    ) {
      id amount paidAt
      user { id telegramId username firstName lastName }
    }
    pendingCommissions: _allCommissionsMeta(filter: { status: PENDING }) { count }
    openFraudFlags: _allFraudFlagsMeta(filter: { status: OPEN }) { count }
    highSeverityOpenFraudFlags: _allFraudFlagsMeta(filter: { status: OPEN, severity: HIGH }) { count }
  }
`;

// Fraud and moderation.

const MODERATED_USER_FIELDS = 'id status blockedAt blockedReason fraudExempt updatedAt';

export const BLOCK_USER = `
  mutation BlockUser($id: ID!, $reason: String!) {
    blockUser(id: $id, reason: $reason) { ${MODERATED_USER_FIELDS} }
  }
`;

export const UNBLOCK_USER = `
  mutation UnblockUser($id: ID!) {
    unblockUser(id: $id) { ${MODERATED_USER_FIELDS} }
  }
`;

export const SET_FRAUD_EXEMPTION = `
  mutation SetFraudExemption($userId: ID!, $exempt: Boolean!, $note: String) {
    setFraudExemption(userId: $userId, exempt: $exempt, note: $note) { ${MODERATED_USER_FIELDS} }
  }
`;

const FRAUD_FLAG_FIELDS = 'id userId type severity status reason resolutionNote resolvedAt createdAt';

export const RESOLVE_FRAUD_FLAG = `
  mutation ResolveFraudFlag($id: ID!, $note: String!) {
    resolveFraudFlag(id: $id, note: $note) { ${FRAUD_FLAG_FIELDS} }
  }
`;

export const DISMISS_FRAUD_FLAG = `
  mutation DismissFraudFlag($id: ID!, $note: String!) {
    dismissFraudFlag(id: $id, note: $note) { ${FRAUD_FLAG_FIELDS} }
  }
`;

export const RUN_FRAUD_CHECKS = `
  mutation RunFraudChecks($userId: ID!) {
    runFraudChecks(userId: $userId) { ${FRAUD_FLAG_FIELDS} }
  }
`;

export const REVIEW_PAYMENT_EVENT = `
  mutation ReviewPaymentEvent($id: ID!, $note: String!) {
    reviewPaymentEvent(id: $id, note: $note) { id needsReview reviewedAt reviewedById reviewNote }
  }
`;

export const SEND_PAYOUTS = `
  mutation SendPayouts($ids: [ID!]!) {
    sendPayouts(ids: $ids) { ${WITHDRAWAL_FIELDS} }
  }
`;

export const PAYOUT_FILE = `
  query PayoutFile($ids: [ID!]!) {
    payoutFile(ids: $ids)
  }
`;

// Referrals.

export const REFERRAL_TREE = `
  query ReferralTree($telegramId: String!, $depth: Int!, $childrenPerPage: Int!) {
    referralTree(telegramId: $telegramId, depth: $depth, childrenPerPage: $childrenPerPage) {
      ...Node
      children {
        ...Node
        children { ...Node }
      }
    }
  }
  fragment Node on ReferralTreeNode {
    level converted childrenCount
    user { id telegramId username firstName lastName status }
  }
`;

export const FRAUD_CASES = `
  query FraudCases($perPage: Int!) {
    fraudCases(perPage: $perPage) { evidenceKey type severity flagIds userIds openedAt }
  }
`;
