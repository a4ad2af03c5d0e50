import type {
  IntrospectionField,
  IntrospectionInputObjectType,
  IntrospectionInputTypeRef,
  IntrospectionSchema,
} from 'graphql';
import type { ApolloClient } from '@apollo/client';
import buildGraphQLProvider, { buildQuery } from 'ra-data-graphql-simple';
import { CREATE, UPDATE, type DataProvider, type Identifier } from 'react-admin';
import { defaultChartSeries, dashboardVariables, type ChartSeries } from './dashboard/dashboardRanges';
import { createGraphQLClient, sendOperation } from './graphql/client';
import {
  ApproveWithdrawalDocument,
  BlockUserDocument,
  ChangePasswordDocument,
  DashboardDocument,
  DisableAdminDocument,
  DismissFraudFlagDocument,
  EnableAdminDocument,
  FraudCasesDocument,
  MarkWithdrawalPaidDocument,
  PayoutFileDocument,
  ProcessPendingCommissionsDocument,
  ReferralTreeDocument,
  RefundOrderDocument,
  RejectWithdrawalDocument,
  ResolveFraudFlagDocument,
  ReviewPaymentEventDocument,
  RunFraudChecksDocument,
  SendPayoutsDocument,
  SetFraudExemptionDocument,
  UnblockUserDocument,
  UpdateAdminRoleDocument,
  UpdateMyNameDocument,
  WalletDocument,
  WalletReconciliationDocument,
  type AdminFieldsFragment,
  type DashboardQuery,
  type FraudCasesQuery,
  type FraudFlagDecisionFieldsFragment,
  type ModeratedUserFieldsFragment,
  type RefundOrderMutation,
  type ReferralTreeQuery,
  type ReviewPaymentEventMutation,
  type UpdateMyNameMutation,
  type WalletQuery,
  type WalletReconciliationQuery,
  type WithdrawalDecisionFieldsFragment,
} from './graphql/generated';
import type { AdminRole } from './graphql/schema-types';
import { buildReportingDataProvider, type ReportingDataProvider } from './reports/reportingApi';

/** How many pending withdrawals the dashboard sums; beyond it the total shows as "at least". */
export const PENDING_WITHDRAWALS_SUMMED = 500;

type Admin = AdminFieldsFragment;
type Withdrawal = WithdrawalDecisionFieldsFragment;
type ModeratedUser = ModeratedUserFieldsFragment;
type FraudFlag = FraudFlagDecisionFieldsFragment;

/**
 * react-admin's data provider plus the admin operations that are not CRUD, each a typed
 * operation of graphql/operations.graphql sent through the same Apollo client, so every
 * failure has the same shape (graphql/client.ts toHttpError).
 */
export interface AppDataProvider extends DataProvider, ReportingDataProvider {
  /** The Apollo client every request of the panel goes through. */
  client: ApolloClient<unknown>;
  disableAdmin(id: Identifier): Promise<{ data: Admin }>;
  enableAdmin(id: Identifier): Promise<{ data: Admin }>;
  updateAdminRole(id: Identifier, role: AdminRole): Promise<{ data: Admin }>;
  changePassword(params: { currentPassword: string; newPassword: string }): Promise<void>;
  updateMyName(firstName: string, lastName?: string | null): Promise<{ data: UpdateMyNameMutation['updateMyName'] }>;
  refundOrder(id: Identifier, reason: string): Promise<{ data: RefundOrderMutation['refundOrder'] }>;
  processPendingCommissions(): Promise<{ released: number }>;
  approveWithdrawal(id: Identifier): Promise<{ data: Withdrawal }>;
  rejectWithdrawal(id: Identifier, reason: string): Promise<{ data: Withdrawal }>;
  markWithdrawalPaid(id: Identifier, payoutReference: string): Promise<{ data: Withdrawal }>;
  /** APPROVED → PROCESSING through the payout provider, all or nothing. */
  sendPayouts(ids: Identifier[]): Promise<{ data: Withdrawal[] }>;
  /** RazorpayX's bulk UPI payout CSV for these APPROVED withdrawals. */
  payoutFile(ids: Identifier[]): Promise<string>;
  wallet(telegramId: string): Promise<{ data: WalletQuery['wallet'] }>;
  walletReconciliation(): Promise<{ data: WalletReconciliationQuery['walletReconciliation'] }>;
  /** `now` decides "today" (in the reporting time zone); the chart shows the last 30 days unless told. */
  dashboard(now?: Date, series?: ChartSeries): Promise<{ data: DashboardQuery }>;
  blockUser(id: Identifier, reason: string): Promise<{ data: ModeratedUser }>;
  unblockUser(id: Identifier): Promise<{ data: ModeratedUser }>;
  setFraudExemption(userId: Identifier, exempt: boolean, note?: string): Promise<{ data: ModeratedUser }>;
  resolveFraudFlag(id: Identifier, note: string): Promise<{ data: FraudFlag }>;
  dismissFraudFlag(id: Identifier, note: string): Promise<{ data: FraudFlag }>;
  /** Two levels of a user's referrals (a page of 50 per node), for the tree view. */
  referralTree(telegramId: string): Promise<{ data: ReferralTreeQuery['referralTree'] }>;
  /** Open flags grouped by shared evidence, most severe first. */
  fraudCases(): Promise<{ data: FraudCasesQuery['fraudCases'] }>;
  /** The user's open flags after the checks ran. */
  runFraudChecks(userId: Identifier): Promise<{ data: FraudFlag[] }>;
  reviewPaymentEvent(id: Identifier, note: string): Promise<{ data: ReviewPaymentEventMutation['reviewPaymentEvent'] }>;
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

// ra-data-graphql asks for 'network-only'; the client keeps no cache at all.
const noCache = () => ({ fetchPolicy: 'no-cache' as const });

/**
 * Builds the data provider from a static introspection of the backend schema
 * (see vite/graphqlIntrospection.ts), plus the admin operations that are not CRUD, all through
 * one Apollo client (by default graphql/client.ts's, shared with the login).
 */
export function buildDataProvider(
  schema: IntrospectionSchema,
  client: ApolloClient<unknown> = createGraphQLClient(),
): AppDataProvider {
  const dataProvider = buildGraphQLProvider({
    client,
    introspection: { schema },
    buildQuery: buildQueryWithInputObjects,
    query: noCache,
    mutation: noCache,
  });

  return {
    ...dataProvider,
    client,
    async disableAdmin(id) {
      const { disableAdmin } = await sendOperation(client, DisableAdminDocument, { id });
      return { data: disableAdmin };
    },
    async enableAdmin(id) {
      const { enableAdmin } = await sendOperation(client, EnableAdminDocument, { id });
      return { data: enableAdmin };
    },
    async updateAdminRole(id, role) {
      const { updateAdminRole } = await sendOperation(client, UpdateAdminRoleDocument, { id, role });
      return { data: updateAdminRole };
    },
    async changePassword(params) {
      await sendOperation(client, ChangePasswordDocument, params);
    },
    async updateMyName(firstName, lastName) {
      const { updateMyName } = await sendOperation(client, UpdateMyNameDocument, {
        firstName,
        lastName: lastName || null,
      });
      return { data: updateMyName };
    },
    async refundOrder(id, reason) {
      const { refundOrder } = await sendOperation(client, RefundOrderDocument, { id, reason });
      return { data: refundOrder };
    },
    async processPendingCommissions() {
      const { processPendingCommissions } = await sendOperation(client, ProcessPendingCommissionsDocument);
      return { released: processPendingCommissions };
    },
    async approveWithdrawal(id) {
      const { approveWithdrawal } = await sendOperation(client, ApproveWithdrawalDocument, { id });
      return { data: approveWithdrawal };
    },
    async rejectWithdrawal(id, reason) {
      const { rejectWithdrawal } = await sendOperation(client, RejectWithdrawalDocument, { id, reason });
      return { data: rejectWithdrawal };
    },
    async markWithdrawalPaid(id, payoutReference) {
      const { markWithdrawalPaid } = await sendOperation(client, MarkWithdrawalPaidDocument, { id, payoutReference });
      return { data: markWithdrawalPaid };
    },
    async sendPayouts(ids) {
      const { sendPayouts } = await sendOperation(client, SendPayoutsDocument, { ids });
      return { data: sendPayouts };
    },
    async payoutFile(ids) {
      const { payoutFile } = await sendOperation(client, PayoutFileDocument, { ids });
      return payoutFile;
    },
    async wallet(telegramId) {
      const { wallet } = await sendOperation(client, WalletDocument, { telegramId });
      return { data: wallet };
    },
    async walletReconciliation() {
      const { walletReconciliation } = await sendOperation(client, WalletReconciliationDocument);
      return { data: walletReconciliation };
    },
    async dashboard(now = new Date(), series = defaultChartSeries(now)) {
      const data = await sendOperation(client, DashboardDocument, {
        ...dashboardVariables(now, series),
        pendingWithdrawalsSummed: PENDING_WITHDRAWALS_SUMMED,
      });
      return { data };
    },
    ...buildReportingDataProvider(client),
    async blockUser(id, reason) {
      const { blockUser } = await sendOperation(client, BlockUserDocument, { id, reason });
      return { data: blockUser };
    },
    async unblockUser(id) {
      const { unblockUser } = await sendOperation(client, UnblockUserDocument, { id });
      return { data: unblockUser };
    },
    async setFraudExemption(userId, exempt, note) {
      const { setFraudExemption } = await sendOperation(client, SetFraudExemptionDocument, {
        userId,
        exempt,
        note: note || null,
      });
      return { data: setFraudExemption };
    },
    async resolveFraudFlag(id, note) {
      const { resolveFraudFlag } = await sendOperation(client, ResolveFraudFlagDocument, { id, note });
      return { data: resolveFraudFlag };
    },
    async dismissFraudFlag(id, note) {
      const { dismissFraudFlag } = await sendOperation(client, DismissFraudFlagDocument, { id, note });
      return { data: dismissFraudFlag };
    },
    async referralTree(telegramId) {
      const { referralTree } = await sendOperation(client, ReferralTreeDocument, {
        telegramId,
        depth: 2,
        childrenPerPage: 50,
      });
      return { data: referralTree };
    },
    async fraudCases() {
      const { fraudCases } = await sendOperation(client, FraudCasesDocument, { perPage: 100 });
      return { data: fraudCases };
    },
    async runFraudChecks(userId) {
      const { runFraudChecks } = await sendOperation(client, RunFraudChecksDocument, { userId });
      return { data: runFraudChecks };
    },
    async reviewPaymentEvent(id, note) {
      const { reviewPaymentEvent } = await sendOperation(client, ReviewPaymentEventDocument, { id, note });
      return { data: reviewPaymentEvent };
    },
  };
}
