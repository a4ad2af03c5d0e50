import PaymentsIcon from '@mui/icons-material/Payments';
import QueryStatsIcon from '@mui/icons-material/QueryStats';
import { Menu } from 'react-admin';

/** The reporting pages' menu entries, shown under the dashboard. */
export const ReportingMenuItems = () => (
  <>
    <Menu.Item to="/reports" primaryText="app.reporting.menu.reports" leftIcon={<QueryStatsIcon />} />
    <Menu.Item
      to="/payment-monitoring"
      primaryText="app.reporting.menu.payment_monitoring"
      leftIcon={<PaymentsIcon />}
    />
  </>
);
