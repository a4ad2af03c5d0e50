import type {
  IntrospectionField,
  IntrospectionInputObjectType,
  IntrospectionInputTypeRef,
  IntrospectionSchema,
} from 'graphql';
import buildGraphQLProvider, { buildQuery } from 'ra-data-graphql-simple';
import { CREATE, UPDATE, type DataProvider, type Identifier } from 'react-admin';
import { authorizationHeader } from './authStorage';
import { defaultChartSeries, dashboardVariables, type ChartSeries } from './dashboard/dashboardRanges';
import {
  APPROVE_WITHDRAWAL,
  BLOCK_USER,
  CHANGE_PASSWORD,
  DASHBOARD,
  DISABLE_ADMIN,
  DISMISS_FRAUD_FLAG,
  ENABLE_ADMIN,
  FRAUD_CASES,
  MARK_WITHDRAWAL_PAID,
  PAYOUT_FILE,
  SEND_PAYOUTS,
  PROCESS_PENDING_COMMISSIONS,
  REFERRAL_TREE,
  REFUND_ORDER,
  REJECT_WITHDRAWAL,
  RESOLVE_FRAUD_FLAG,
  REVIEW_PAYMENT_EVENT,
  RUN_FRAUD_CHECKS,
  SET_FRAUD_EXEMPTION,
  UNBLOCK_USER,
  UPDATE_MY_NAME,
  UPDATE_ADMIN_ROLE,
  WALLET,
  WALLET_RECONCILIATION,
} from './graphql/operations';
import { GRAPHQL_URL, graphqlRequest } from './graphql/request';
import { reportingDataProvider, type ReportingDataProvider } from './reports/reportingApi';
import type {
  Admin,
  AdminRole,
  DashboardData,
  FraudCase,
  FraudFlag,
  Order,
  PaymentEvent,
  ReconciliationReport,
  ReferralTreeNode,
  User,
  Wallet,
  Withdrawal,
} from './types';

/** How many pending withdrawals the dashboard sums; beyond it the total shows as "at least". */
export const PENDING_WITHDRAWALS_SUMMED = 500;

export interface AppDataProvider extends DataProvider, ReportingDataProvider {
  disableAdmin(id: Identifier): Promise<{ data: Admin }>;
  enableAdmin(id: Identifier): Promise<{ data: Admin }>;
  updateAdminRole(id: Identifier, role: AdminRole): Promise<{ data: Admin }>;
  changePassword(params: { currentPassword: string; newPassword: string }): Promise<void>;
  updateMyName(firstName: string, lastName?: string | null): Promise<{ data: Admin }>;
  refundOrder(id: Identifier, reason: string): Promise<{ data: Order }>;
  processPendingCommissions(): Promise<{ released: number }>;
  approveWithdrawal(id: Identifier): Promise<{ data: Withdrawal }>;
  rejectWithdrawal(id: Identifier, reason: string): Promise<{ data: Withdrawal }>;
  markWithdrawalPaid(id: Identifier, payoutReference: string): Promise<{ data: Withdrawal }>;
  /** APPROVED → PROCESSING through the payout provider, all or nothing. */
  sendPayouts(ids: Identifier[]): Promise<{ data: Withdrawal[] }>;
  /** RazorpayX's bulk UPI payout CSV for these APPROVED withdrawals. */
  payoutFile(ids: Identifier[]): Promise<string>;
  wallet(telegramId: string): Promise<{ data: Wallet }>;
  walletReconciliation(): Promise<{ data: ReconciliationReport }>;
  /** `now` decides "today" (in the reporting time zone); the chart shows the last 30 days unless told. */
  dashboard(now?: Date, series?: ChartSeries): Promise<{ data: DashboardData }>;
  blockUser(id: Identifier, reason: string): Promise<{ data: User }>;
  unblockUser(id: Identifier): Promise<{ data: User }>;
  setFraudExemption(userId: Identifier, exempt: boolean, note?: string): Promise<{ data: User }>;
  resolveFraudFlag(id: Identifier, note: string): Promise<{ data: FraudFlag }>;
  dismissFraudFlag(id: Identifier, note: string): Promise<{ data: FraudFlag }>;
  /** Two levels of a user's referrals (a page of 50 per node), for the tree view. */
  referralTree(telegramId: string): Promise<{ data: ReferralTreeNode }>;
  /** Open flags grouped by shared evidence, most severe first. */
  fraudCases(): Promise<{ data: FraudCase[] }>;
  /** The user's open flags after the checks ran. */
  runFraudChecks(userId: Identifier): Promise<{ data: FraudFlag[] }>;
  reviewPaymentEvent(id: Identifier, note: string): Promise<{ data: PaymentEvent }>;
}

type BuildQueryFactory = NonNullable<Parameters<typeof buildGraphQLProvider>[0]['buildQuery']>;

/**
 * The backend's mutations take one `input` object (`createAdmin(input: CreateAdminInput!)`)
 * where ra-data-graphql-simple would send one argument per field: pack the form's values
 * that the input type declares into `input`.
 */
const buildQueryWithInputObjects: BuildQueryFactory = (introspection) => {
  const buildDefaultQuery = buildQuery(introspection);
  return (fetchType, resourceName, params) => {
    const resource = introspection.resources.find(({ type }) => type.name === resourceName) as
      | Record<string, IntrospectionField | undefined>
      | undefined;
    const inputArgument = resource?.[fetchType]?.args.find(({ name }) => name === 'input');
    if ((fetchType !== CREATE && fetchType !== UPDATE) || !inputArgument) {
      return buildDefaultQuery(fetchType, resourceName, params);
    }
    const inputType = introspection.types.find(
      ({ name }) => name === namedTypeName(inputArgument.type),
    ) as IntrospectionInputObjectType;
    const input = Object.fromEntries(
      inputType.inputFields
        .filter(({ name }) => params.data[name] !== undefined)
        .map(({ name }) => [name, params.data[name]]),
    );
    return buildDefaultQuery(fetchType, resourceName, { ...params, data: { input } });
  };
};

function namedTypeName(type: IntrospectionInputTypeRef): string {
  return type.kind === 'NON_NULL' || type.kind === 'LIST' ? namedTypeName(type.ofType) : type.name;
}

// Read at each request, so a new login applies without rebuilding the provider. No Apollo
// cache: react-admin caches with react-query already, and Apollo's normalised cache only
// warned about objects without an id (stats, wallets) it could not merge.
const withAuthorization = () => ({
  fetchPolicy: 'no-cache' as const,
  context: { headers: authorizationHeader() },
});

/**
 * Builds the data provider from a static introspection of the backend schema
 * (see vite/graphqlIntrospection.ts), plus the admin operations that are not CRUD.
 */
export function buildDataProvider(schema: IntrospectionSchema): AppDataProvider {
  const dataProvider = buildGraphQLProvider({
    clientOptions: { uri: GRAPHQL_URL },
    introspection: { schema },
    buildQuery: buildQueryWithInputObjects,
    query: withAuthorization,
    mutation: withAuthorization,
  });

  return {
    ...dataProvider,
    async disableAdmin(id) {
      const { disableAdmin } = await graphqlRequest<{ disableAdmin: Admin }>(DISABLE_ADMIN, { id });
      return { data: disableAdmin };
    },
    async enableAdmin(id) {
      const { enableAdmin } = await graphqlRequest<{ enableAdmin: Admin }>(ENABLE_ADMIN, { id });
      return { data: enableAdmin };
    },
    async updateAdminRole(id, role) {
      const { updateAdminRole } = await graphqlRequest<{ updateAdminRole: Admin }>(
        UPDATE_ADMIN_ROLE,
        { id, role },
      );
      return { data: updateAdminRole };
    },
    async changePassword(params) {
      await graphqlRequest(CHANGE_PASSWORD, params);
    },
    async updateMyName(firstName, lastName) {
      const { updateMyName } = await graphqlRequest<{ updateMyName: Admin }>(UPDATE_MY_NAME, {
        firstName,
        lastName: lastName || null,
      });
      return { data: updateMyName };
    },
    async refundOrder(id, reason) {
      const { refundOrder } = await graphqlRequest<{ refundOrder: Order }>(REFUND_ORDER, { id, reason });
      return { data: refundOrder };
    },
    async processPendingCommissions() {
      const { processPendingCommissions } = await graphqlRequest<{ processPendingCommissions: number }>(
        PROCESS_PENDING_COMMISSIONS,
      );
      return { released: processPendingCommissions };
    },
    async approveWithdrawal(id) {
      const { approveWithdrawal } = await graphqlRequest<{ approveWithdrawal: Withdrawal }>(
        APPROVE_WITHDRAWAL,
        { id },
      );
      return { data: approveWithdrawal };
    },
    async rejectWithdrawal(id, reason) {
      const { rejectWithdrawal } = await graphqlRequest<{ rejectWithdrawal: Withdrawal }>(
        REJECT_WITHDRAWAL,
        { id, reason },
      );
      return { data: rejectWithdrawal };
    },
    async markWithdrawalPaid(id, payoutReference) {
      const { markWithdrawalPaid } = await graphqlRequest<{ markWithdrawalPaid: Withdrawal }>(
        MARK_WITHDRAWAL_PAID,
        { id, payoutReference },
      );
      return { data: markWithdrawalPaid };
    },
    async sendPayouts(ids) {
      const { sendPayouts } = await graphqlRequest<{ sendPayouts: Withdrawal[] }>(SEND_PAYOUTS, { ids });
      return { data: sendPayouts };
    },
    async payoutFile(ids) {
      const { payoutFile } = await graphqlRequest<{ payoutFile: string }>(PAYOUT_FILE, { ids });
      return payoutFile;
    },
    async wallet(telegramId) {
      const { wallet } = await graphqlRequest<{ wallet: Wallet }>(WALLET, { telegramId });
      return { data: wallet };
    },
    async walletReconciliation() {
      const { walletReconciliation } = await graphqlRequest<{
        walletReconciliation: ReconciliationReport;
      }>(WALLET_RECONCILIATION);
      return { data: walletReconciliation };
    },
    async dashboard(now = new Date(), series = defaultChartSeries(now)) {
      const data = await graphqlRequest<DashboardData>(DASHBOARD, {
        ...dashboardVariables(now, series),
        pendingWithdrawalsSummed: PENDING_WITHDRAWALS_SUMMED,
      });
      return { data };
    },
    ...reportingDataProvider,
    async blockUser(id, reason) {
      const { blockUser } = await graphqlRequest<{ blockUser: User }>(BLOCK_USER, { id, reason });
      return { data: blockUser };
    },
    async unblockUser(id) {
      const { unblockUser } = await graphqlRequest<{ unblockUser: User }>(UNBLOCK_USER, { id });
      return { data: unblockUser };
    },
    async setFraudExemption(userId, exempt, note) {
      const { setFraudExemption } = await graphqlRequest<{ setFraudExemption: User }>(
        SET_FRAUD_EXEMPTION,
        { userId, exempt, note: note || null },
      );
      return { data: setFraudExemption };
    },
    async resolveFraudFlag(id, note) {
      const { resolveFraudFlag } = await graphqlRequest<{ resolveFraudFlag: FraudFlag }>(
        RESOLVE_FRAUD_FLAG,
        { id, note },
      );
      return { data: resolveFraudFlag };
    },
    async dismissFraudFlag(id, note) {
      const { dismissFraudFlag } = await graphqlRequest<{ dismissFraudFlag: FraudFlag }>(
        DISMISS_FRAUD_FLAG,
        { id, note },
      );
      return { data: dismissFraudFlag };
    },
    async referralTree(telegramId) {
      const { referralTree } = await graphqlRequest<{ referralTree: ReferralTreeNode }>(REFERRAL_TREE, {
        telegramId,
        depth: 2,
        childrenPerPage: 50,
      });
      return { data: referralTree };
    },
    async fraudCases() {
      const { fraudCases } = await graphqlRequest<{ fraudCases: FraudCase[] }>(FRAUD_CASES, { perPage: 100 });
      return { data: fraudCases };
    },
    async runFraudChecks(userId) {
      const { runFraudChecks } = await graphqlRequest<{ runFraudChecks: FraudFlag[] }>(
        RUN_FRAUD_CHECKS,
        { userId },
      );
      return { data: runFraudChecks };
    },
    async reviewPaymentEvent(id, note) {
      const { reviewPaymentEvent } = await graphqlRequest<{ reviewPaymentEvent: PaymentEvent }>(REVIEW_PAYMENT_EVENT, { id, note });
      return { data: reviewPaymentEvent };
    },
  };
}
