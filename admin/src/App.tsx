import introspection from 'virtual:graphql-introspection';
import { Admin, CustomRoutes, Resource } from 'react-admin';
import { Route } from 'react-router';
import { ChangePasswordPage } from './account/ChangePasswordPage';
import adminLogs from './admin-logs';
import commissions from './commissions';
import admins from './admins';
import { authProvider } from './authProvider';
import { Dashboard } from './dashboard/Dashboard';
import fraudFlags from './fraud-flags';
import { buildDataProvider } from './dataProvider';
import { i18nProvider } from './i18n/i18nProvider';
import { Layout } from './layout/Layout';
import { LoginPage } from './layout/LoginPage';
import orders from './orders';
import paymentEvents from './payment-events';
import referrals from './referrals';
import referrers from './referrers';
import settings from './settings';
import users from './users';
import walletTransactions from './wallet-transactions';
import withdrawals from './withdrawals';

const dataProvider = buildDataProvider(introspection);

export const App = () => (
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
    <Resource name="Withdrawal" {...withdrawals} />
    <Resource name="Order" {...orders} />
    <Resource name="PaymentEvent" {...paymentEvents} />
    <Resource name="Commission" {...commissions} />
    <Resource name="WalletTransaction" {...walletTransactions} />
    <Resource name="User" {...users} />
    <Resource name="FraudFlag" {...fraudFlags} />
    <Resource name="Referrer" {...referrers} />
    <Resource name="Referral" {...referrals} />
    <Resource name="Setting" {...settings} />
    <Resource name="AdminLog" {...adminLogs} />
    <Resource name="Admin" {...admins} />
    <CustomRoutes>
      <Route path="/change-password" element={<ChangePasswordPage />} />
    </CustomRoutes>
  </Admin>
);
