import { Menu } from 'react-admin';
import { ReportingMenuItems } from '../reports/ReportingMenuItems';

/** react-admin's menu (dashboard, then the resources) with the pages that are not resources. */
export const AppMenu = () => (
  <Menu>
    <Menu.DashboardItem />
    <ReportingMenuItems />
    <Menu.ResourceItems />
  </Menu>
);
