import PasswordIcon from '@mui/icons-material/Password';
import { ListItemIcon, ListItemText, MenuItem } from '@mui/material';
import {
  AppBar,
  Layout as RaLayout,
  Logout,
  UserMenu,
  useTranslate,
  useUserMenu,
  type LayoutProps,
} from 'react-admin';
import { Link } from 'react-router';
import { AppMenu } from './AppMenu';

const ChangePasswordMenuItem = () => {
  const userMenu = useUserMenu();
  const translate = useTranslate();
  return (
    <MenuItem component={Link} to="/change-password" onClick={userMenu?.onClose}>
      <ListItemIcon>
        <PasswordIcon fontSize="small" />
      </ListItemIcon>
      <ListItemText>{translate('app.account.title')}</ListItemText>
    </MenuItem>
  );
};

const AppBarWithAccountMenu = () => (
  <AppBar
    userMenu={
      <UserMenu>
        <ChangePasswordMenuItem />
        <Logout />
      </UserMenu>
    }
  />
);

/**
 * No page may be wider than the screen (react-admin's layout grows to fit its widest table):
 * a wide table scrolls inside its own box, toolbars and filters wrap, long values break.
 */
const fitToScreen = {
  minWidth: 0,
  '& .RaLayout-contentWithSidebar, & .RaLayout-content': { minWidth: 0 },
  '& .RaList-main, & .RaList-content, & .RaShow-main, & .RaShow-card, & .RaEdit-main, & .RaCreate-main':
    { minWidth: 0, maxWidth: '100%' },
  // The table's own box scrolls, not the DataTable root: the bulk actions toolbar slides up
  // out of the root over the list toolbar, and must not be clipped.
  '& .RaDataTable-root': { maxWidth: '100%' },
  '& .RaDataTable-tableWrapper': { maxWidth: '100%', overflowX: 'auto' },
  '& .RaLayout-content .MuiToolbar-root, & .RaFilterForm-root': {
    flexWrap: 'wrap',
    minWidth: 0,
    maxWidth: '100%',
  },
  // On phones the list toolbar stacks its filter button under the filters: keep it inside.
  '& .RaList-actions': { flexWrap: { xs: 'nowrap', md: 'wrap' }, minWidth: 0, maxWidth: '100%' },
  '& .RaSimpleShowLayout-root, & .RaTabbedShowLayout-content': { overflowWrap: 'anywhere', minWidth: 0 },
  '& .MuiTabs-root': { maxWidth: '100%' },
} as const;

export const Layout = ({ children }: LayoutProps) => (
  <RaLayout appBar={AppBarWithAccountMenu} menu={AppMenu} sx={fitToScreen}>
    {children}
  </RaLayout>
);
