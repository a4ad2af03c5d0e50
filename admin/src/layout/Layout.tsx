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
      <ListItemText>{translate('app.change_password.title')}</ListItemText>
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

export const Layout = ({ children }: LayoutProps) => (
  <RaLayout appBar={AppBarWithAccountMenu} menu={AppMenu}>
    {children}
  </RaLayout>
);
