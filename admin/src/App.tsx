import introspection from 'virtual:graphql-introspection';
import { Admin, CustomRoutes, Resource } from 'react-admin';
import { createHashRouter, Route, RouterProvider } from 'react-router';
import { PaymentMonitoringPage, ReportsPage } from './reports/lazyPages';
import { ChangePasswordPage } from './account/ChangePasswordPage';
import adminLogs from './admin-logs';
import commissions from './commissions';
import admins from './admins';
import { buildAuthProvider } from './authProvider';
import { Dashboard } from './dashboard/Dashboard';
import fraudFlags from './fraud-flags';
import { FraudCasesPage } from './fraud-flags/FraudCasesPage';
import { buildDataProvider } from './dataProvider';
import { createGraphQLClient } from './graphql/client';
import { i18nProvider } from './i18n/i18nProvider';
import { Layout } from './layout/Layout';
import { LoginPage } from './layout/LoginPage';
import orders from './orders';
import paymentEvents from './payment-events';
import payoutEvents from './payout-events';
import referrals from './referrals';
import referrers from './referrers';
import settings from './settings';
import users from './users';
import walletTransactions from './wallet-transactions';
import withdrawals from './withdrawals';

// One Apollo client for the data provider's queries, the admin operations and the login.
const client = createGraphQLClient();
const dataProvider = buildDataProvider(introspection, client);
const authProvider = buildAuthProvider(client);

/**
 * Super admins manage admin accounts; for an ADMIN the resource does not exist, so opening it
 * shows "not found" instead of sending a query the API refuses.
 */
const resources = (role: unknown) => [
  <Resource key="Withdrawal" name="Withdrawal" {...withdrawals} />,
  <Resource key="Order" name="Order" {...orders} />,
  <Resource key="PaymentEvent" name="PaymentEvent" {...paymentEvents} />,
  <Resource key="PayoutEvent" name="PayoutEvent" {...payoutEvents} />,
  <Resource key="Commission" name="Commission" {...commissions} />,
  <Resource key="WalletTransaction" name="WalletTransaction" {...walletTransactions} />,
  <Resource key="User" name="User" {...users} />,
  <Resource key="FraudFlag" name="FraudFlag" {...fraudFlags} />,
  <Resource key="Referrer" name="Referrer" {...referrers} />,
  <Resource key="Referral" name="Referral" {...referrals} />,
  <Resource key="Setting" name="Setting" {...settings} />,
  <Resource key="AdminLog" name="AdminLog" {...adminLogs} />,
  ...(role === 'SUPER_ADMIN' ? [<Resource key="Admin" name="Admin" {...admins} />] : []),
  <CustomRoutes key="custom">
    <Route path="/change-password" element={<ChangePasswordPage />} />
    <Route path="/reports" element={<ReportsPage />} />
    <Route path="/payment-monitoring" element={<PaymentMonitoringPage />} />
    <Route path="/fraud-cases" element={<FraudCasesPage />} />
  </CustomRoutes>,
];

const AdminApp = () => (
  <Admin
    title="OTT Admin"
    dataProvider={dataProvider}
    authProvider={authProvider}
    i18nProvider={i18nProvider}
    dashboard={Dashboard}
    layout={Layout}
    loginPage={LoginPage}
    requireAuth
    // The panel must work offline; telemetry would call marmelab's server.
    disableTelemetry
  >
    {resources}
  </Admin>
);

/**
 * The router react-admin would build itself (a hash data router), but with synchronous
 * navigation. With react-router 7's default transitions, a signed-out visit redirected to the
 * login page thousands of times (react-admin's LogoutOnMount re-ran on every store reset while
 * the transition to /login kept being interrupted): 10-20 s of pushState at 100% CPU.
 */
const router = createHashRouter([{ path: '*', element: <AdminApp /> }]);

export const App = () => <RouterProvider router={router} useTransitions={false} />;
