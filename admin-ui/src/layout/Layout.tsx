import ExitIcon from '@mui/icons-material/PowerSettingsNew';
import { ListItemIcon, ListItemText, MenuItem } from '@mui/material';
import type { ReactNode } from 'react';
import { AppBar as RaAppBar, Layout as RaLayout, UserMenu, useLogout, useTranslate, useUserMenu } from 'react-admin';
import { Menu } from './Menu';

/**
 * « Déconnexion ». react-admin's own item draws itself only once an
 * authentication check has answered, so its menu, measured empty when it
 * opens, was placed past the window's right edge; this menu shows only to a
 * logged-in user anyway.
 */
const LogoutItem = () => {
  const logout = useLogout();
  const translate = useTranslate();
  const userMenu = useUserMenu();
  return (
    <MenuItem
      onClick={() => {
        userMenu?.onClose();
        void logout();
      }}
    >
      <ListItemIcon>
        <ExitIcon fontSize="small" />
      </ListItemIcon>
      <ListItemText>{translate('ra.auth.logout')}</ListItemText>
    </MenuItem>
  );
};

const AppBar = () => (
  <RaAppBar
    userMenu={
      <UserMenu>
        <LogoutItem />
      </UserMenu>
    }
  />
);

/** react-admin's layout with the per-role menu. */
export const Layout = ({ children }: { children: ReactNode }) => (
  <RaLayout menu={Menu} appBar={AppBar}>
    {children}
  </RaLayout>
);
