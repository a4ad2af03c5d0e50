// The panel's types, generated from backend/schema.gql by `npm run codegen -w admin`: the
// records react-admin lists and shows and the enums are the schema's own types
// (graphql/schema-types.ts); what a hand-written operation returns is that operation's result
// type (graphql/generated.ts). Nothing here is written by hand.
import type {
  DashboardQuery,
  FraudCasesQuery,
  LoginMutation,
  ReferralTreeNodeFieldsFragment,
  WalletQuery,
  WalletReconciliationQuery,
} from './graphql/generated';
import type { Scalars } from './graphql/schema-types';

export type {
  Admin,
  AdminLog,
  AdminRole,
  BalanceBucket,
  Commission,
  CommissionStatus,
  FraudFlag,
  FraudFlagStatus,
  FraudFlagType,
  FraudSeverity,
  Order,
  OrderStatus,
  PaymentEvent,
  PaymentEventOutcome,
  PayoutEvent,
  Referral,
  Referrer,
  ReferralStats,
  Setting,
  SettingValueType,
  User,
  UserStatus,
  UserType,
  WalletTransaction,
  Withdrawal,
  WithdrawalRisk,
  WithdrawalStatus,
} from './graphql/schema-types';

/** An amount of money in integer paise (the `Money` scalar). */
export type Money = Scalars['Money']['output'];

/** What `login` returns, kept in localStorage. */
export type AuthPayload = LoginMutation['login'];
/** The signed-in account, as `login` returns it. */
export type SignedInAdmin = AuthPayload['admin'];

/** The dashboard's one request (graphql/operations.graphql Dashboard). */
export type DashboardData = DashboardQuery;

export type Wallet = WalletQuery['wallet'];
export type ReconciliationReport = WalletReconciliationQuery['walletReconciliation'];

/** A node of `referralTree`: a user, whether they bought, and a page of their referrals. */
export type ReferralTreeNode = ReferralTreeNodeFieldsFragment & { children?: ReferralTreeNode[] | null };

/** Open flags sharing one device, IP address or UPI ID (`fraudCases`). */
export type FraudCase = FraudCasesQuery['fraudCases'][number];
