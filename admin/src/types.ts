import type { Identifier, RaRecord } from 'react-admin';
import type { DashboardStats, Kpis, PaymentMonitoring, PeriodStats } from './reports/types';

export type AdminRole = 'ADMIN' | 'SUPER_ADMIN';

/** The signed-in account, as `login` returns it. */
export interface SignedInAdmin {
  id: Identifier;
  telegramId: string;
  username?: string | null;
  firstName?: string | null;
  role: AdminRole | null;
}

export interface AuthPayload {
  accessToken: string;
  admin: SignedInAdmin;
  expiresAt: string;
}

export type SettingValueType =
  | 'MONEY'
  | 'PERCENT'
  | 'HOURS'
  | 'INTEGER'
  | 'BOOLEAN'
  | 'STRING'
  | 'ENUM';

export interface Setting extends RaRecord {
  key: string;
  value: unknown;
  valueType: SettingValueType;
  /** The allowed values of an ENUM setting. */
  options?: string[] | null;
  /** The bounds of a numeric setting, in its stored unit (paise, hours, percent, count). */
  min?: number | null;
  max?: number | null;
  description: string;
  updatedAt: string;
}

export interface AdminLog extends RaRecord {
  adminId?: Identifier | null;
  admin?: { id: Identifier; telegramId: string; username?: string | null } | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
  ipAddress?: string | null;
  userAgent?: string | null;
  createdAt: string;
}

export interface Admin extends RaRecord {
  telegramId: string;
  username?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  role: AdminRole;
  active: boolean;
  lastLoginAt?: string | null;
  createdAt: string;
}

/** An amount of money in integer paise (the `Money` scalar). */
export type Money = number;

export type UserStatus = 'ACTIVE' | 'SUSPICIOUS' | 'BLOCKED';
export type UserType = 'ADMIN' | 'REFERRER' | 'CUSTOMER';

export interface ReferralStats {
  directReferrals: number;
  level2Referrals: number;
  clicks: number;
  convertedReferrals: number;
  conversionRate: number;
  level1Earned: Money;
  level2Earned: Money;
  totalEarned: Money;
}

export interface User extends RaRecord {
  telegramId: string;
  username?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  referralCode: string;
  referralCodeUsed?: string | null;
  referralLink?: string | null;
  referredById?: Identifier | null;
  attributionNote?: string | null;
  status: UserStatus;
  type: UserType;
  blockedAt?: string | null;
  blockedReason?: string | null;
  fraudExempt?: boolean;
  deviceId?: string | null;
  ipAddress?: string | null;
  stats?: ReferralStats;
  createdAt: string;
}

export type OrderStatus = 'PENDING' | 'PAID' | 'FAILED' | 'REFUNDED';

export interface Order extends RaRecord {
  userId: Identifier;
  status: OrderStatus;
  amount: Money;
  cost: Money;
  profit: Money;
  productName: string;
  paymentMethod: string;
  upiId?: string | null;
  transactionId?: string | null;
  failedTransactionId?: string | null;
  level1RateBps: number;
  level2RateBps: number;
  commissionHoldHours: number;
  commissionRounding: string;
  refundReason?: string | null;
  createdAt: string;
  paidAt?: string | null;
  failedAt?: string | null;
  refundedAt?: string | null;
  paymentReference?: string;
  paymentUrl?: string | null;
  paymentGateway?: string | null;
  failedAttempts?: number;
  expiredAt?: string | null;
}

export type PaymentEventOutcome = 'PROCESSED' | 'DUPLICATE' | 'UNMATCHED' | 'AMOUNT_MISMATCH' | 'IGNORED';

/** A payment gateway's webhook event, stored once with what it did. */
export interface PaymentEvent extends RaRecord {
  gateway: 'RAZORPAY' | 'CASHFREE';
  eventKey: string;
  type: string;
  kind: 'CAPTURED' | 'FAILED' | 'REFUND' | 'OTHER';
  outcome: PaymentEventOutcome;
  orderId?: Identifier | null;
  paymentReference?: string | null;
  gatewayPaymentId?: string | null;
  amount?: Money | null;
  needsReview: boolean;
  note?: string | null;
  reviewedAt?: string | null;
  reviewedById?: Identifier | null;
  reviewNote?: string | null;
  body?: string;
  createdAt: string;
}

export type CommissionStatus = 'PENDING' | 'AVAILABLE' | 'REVERSED';

export interface Commission extends RaRecord {
  orderId: Identifier;
  beneficiaryId: Identifier;
  sourceUserId: Identifier;
  level: number;
  amount: Money;
  status: CommissionStatus;
  releaseAt: string;
  releasedAt?: string | null;
  reversedAt?: string | null;
  createdAt: string;
  /** Fetched with the list: its status decides whether the commission can be released. */
  beneficiary?: { id: Identifier; status?: UserStatus } | null;
}

export type WithdrawalStatus =
  | 'PENDING'
  | 'APPROVED'
  | 'PROCESSING'
  | 'REJECTED'
  | 'PAID'
  | 'FAILED'
  | 'REVERSED';

export interface Withdrawal extends RaRecord {
  userId: Identifier;
  amount: Money;
  upiId: string;
  status: WithdrawalStatus;
  payoutReference?: string | null;
  rejectReason?: string | null;
  providerPayoutId?: string | null;
  providerStatus?: string | null;
  failureReason?: string | null;
  sentAt?: string | null;
  failedAt?: string | null;
  reversedAt?: string | null;
  approvedById?: Identifier | null;
  decidedById?: Identifier | null;
  createdAt: string;
  approvedAt?: string | null;
  rejectedAt?: string | null;
  paidAt?: string | null;
  /** The requester's risk at a glance (admins only). */
  risk?: WithdrawalRisk | null;
}

export interface WithdrawalRisk {
  userStatus: UserStatus;
  openFlags: number;
  accountCreatedAt: string;
  totalEarned: Money;
  totalWithdrawn: Money;
  /** Other users who asked for a withdrawal to the same UPI ID. */
  sameUpiUsers: number;
  /** USER_BLOCKED or USER_ON_HOLD when the API would refuse to approve. */
  approvalBlockedReason?: 'USER_BLOCKED' | 'USER_ON_HOLD' | null;
}

export type BalanceBucket = 'PENDING' | 'AVAILABLE' | 'LOCKED' | 'WITHDRAWN';

export interface WalletTransaction extends RaRecord {
  userId: Identifier;
  type: string;
  /** Signed; a transfer (fromBucket set) is always positive. */
  amount: Money;
  bucket: BalanceBucket;
  fromBucket?: BalanceBucket | null;
  orderId?: Identifier | null;
  withdrawalId?: Identifier | null;
  commissionId?: Identifier | null;
  actor: string;
  createdAt: string;
  /** Its effect on pending + available + locked: + in, − out, 0 for a move inside the wallet. */
  walletChange?: Money;
  /** The user's wallet balance (pending + available + locked) right after it. */
  balanceAfter?: Money | null;
}

export interface Wallet {
  userId: Identifier;
  pending: Money;
  available: Money;
  locked: Money;
  totalEarned: Money;
  totalWithdrawn: Money;
  updatedAt: string;
}

export interface WalletDrift {
  userId: Identifier;
  field: string;
  cached: Money;
  expected: Money;
}

export interface ReconciliationReport {
  checkedAt: string;
  checkedWallets: number;
  driftedWallets: number;
  drift: WalletDrift[];
}

export interface Referral extends RaRecord {
  referrerId: Identifier;
  referredId: Identifier;
  codeUsed: string;
  converted: boolean;
  convertedAt?: string | null;
  firstOrderId?: Identifier | null;
  createdAt: string;
}

/** A referrer's performance row; `id` is the user's id. */
export interface Referrer extends RaRecord {
  telegramId: string;
  username?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  referralCode: string;
  status: UserStatus;
  directReferrals: number;
  level2Referrals: number;
  clicks: number;
  conversions: number;
  conversionRate: number;
  level1Earned: Money;
  level2Earned: Money;
  totalEarned: Money;
  createdAt: string;
}

/** The dashboard's one request (graphql/operations.ts DASHBOARD). */
export interface DashboardData {
  stats: DashboardStats;
  /** The chart's buckets. */
  series: PeriodStats[];
  /** Over the last 30 days. */
  kpis: Kpis;
  /** Of the orders created today. */
  payments: PaymentMonitoring;
  pendingWithdrawals: { count: number };
  pendingWithdrawalAmounts: Pick<Withdrawal, 'id' | 'amount' | 'createdAt'>[];
  approvedWithdrawals: { count: number };
  /** Payouts the provider failed: the money is back in the user's wallet; tell them. */
  failedWithdrawals?: { count: number };
  latestPaidOrders: (Pick<Order, 'id' | 'amount' | 'paidAt'> & {
    user: Pick<User, 'id' | 'telegramId' | 'username' | 'firstName' | 'lastName'>;
  })[];
  pendingCommissions: { count: number };
  openFraudFlags: { count: number };
  highSeverityOpenFraudFlags: { count: number };
}

export type FraudFlagType =
  | 'DUPLICATE_UPI'
  | 'DUPLICATE_DEVICE'
  | 'DUPLICATE_IP'
  | 'LOW_CONVERSION'
  | 'RAPID_SIGNUPS'
  | 'MANUAL';
export type FraudSeverity = 'LOW' | 'MEDIUM' | 'HIGH';
export type FraudFlagStatus = 'OPEN' | 'RESOLVED' | 'DISMISSED';

export interface FraudFlag extends RaRecord {
  userId: Identifier;
  type: FraudFlagType;
  severity: FraudSeverity;
  status: FraudFlagStatus;
  reason: string;
  /** What the flag is about (the shared value); one open flag per evidence. */
  evidenceKey: string;
  evidence: Record<string, unknown>;
  createdById?: Identifier | null;
  resolvedById?: Identifier | null;
  resolutionNote?: string | null;
  resolvedAt?: string | null;
  createdAt: string;
}

/** A node of `referralTree`: a user, whether they bought, and a page of their referrals. */
export interface ReferralTreeNode {
  level: number;
  converted: boolean;
  childrenCount: number;
  user: Pick<User, 'id' | 'telegramId' | 'username' | 'firstName' | 'lastName' | 'status'>;
  children?: ReferralTreeNode[];
}

/** Open flags sharing one device, IP address or UPI ID (`fraudCases`). */
export interface FraudCase {
  evidenceKey: string;
  type: string;
  severity: 'LOW' | 'MEDIUM' | 'HIGH';
  flagIds: Identifier[];
  userIds: Identifier[];
  openedAt: string;
}
