import PasswordIcon from '@mui/icons-material/Password';
import { ListItemIcon, ListItemText, MenuItem, useMediaQuery, type Theme } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import {
  AppBar,
  Layout as RaLayout,
  Logout,
  Sidebar,
  UserMenu,
  useSidebarState,
  useStoreContext,
  useTranslate,
  useUserMenu,
  type LayoutProps,
  type SidebarProps,
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

/**
 * react-admin keeps one "menu open" flag for every width, so a desktop window narrowed to phone
 * width with its menu open came up with the phone's menu drawer over the page. Crossing into
 * phone width closes the menu, and crossing back restores the desktop's choice (unsaved if it
 * was react-admin's default, so that other tabs keep theirs). The drawer is drawn closed from
 * the first render at the new width: opened and closed at once, the phone's drawer stayed
 * mounted as an invisible layer over the page that took the first tap.
 */
const AppSidebar = (props: SidebarProps) => {
  const isXSmall = useMediaQuery<Theme>((theme) => theme.breakpoints.down('sm'), { noSsr: true });
  const [open, setOpen] = useSidebarState();
  const store = useStoreContext();
  const wasXSmall = useRef(isXSmall);
  // the desktop's saved choice when the window was narrowed, or when the page was opened narrow
  // (undefined: react-admin's default, open)
  const [savedWhenOpened] = useState(() => (isXSmall ? store.getItem<boolean>(SIDEBAR_OPEN) : undefined));
  const openOnDesktop = useRef<boolean | undefined>(savedWhenOpened);
  const crossing = isXSmall !== wasXSmall.current;
  useEffect(() => {
    if (isXSmall === wasXSmall.current) return;
    wasXSmall.current = isXSmall;
    if (isXSmall) {
      openOnDesktop.current = store.getItem<boolean>(SIDEBAR_OPEN);
      setOpen(false);
    } else if (openOnDesktop.current === undefined) store.removeItem(SIDEBAR_OPEN);
    else setOpen(openOnDesktop.current);
  }, [isXSmall, setOpen, store]);
  return <Sidebar {...props} open={crossing ? !isXSmall && (openOnDesktop.current ?? true) : open} />;
};

/** useSidebarState's key in react-admin's store. */
const SIDEBAR_OPEN = 'sidebar.open';

export const Layout = ({ children }: LayoutProps) => (
  <RaLayout appBar={AppBarWithAccountMenu} menu={AppMenu} sidebar={AppSidebar} sx={fitToScreen}>
    {children}
  </RaLayout>
);
