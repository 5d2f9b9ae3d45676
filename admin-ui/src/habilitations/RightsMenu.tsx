import { Checkbox, ListItemIcon, ListItemText, Menu, MenuItem } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { HabilitationRights } from '../types';

export const RIGHTS: Array<keyof HabilitationRights> = ['canDeclare', 'canPay', 'canConsult'];

interface RightsMenuProps {
  anchorEl: HTMLElement | null;
  rights: HabilitationRights;
  onToggle: (right: keyof HabilitationRights) => void;
  onClose: () => void;
}

/** Declare / pay / consult of one cell, each toggled on its own (all off revokes the habilitation). */
export const RightsMenu = ({ anchorEl, rights, onToggle, onClose }: RightsMenuProps) => {
  const translate = useTranslate();
  return (
    <Menu anchorEl={anchorEl} open={anchorEl != null} onClose={onClose}>
      {RIGHTS.map((right) => (
        <MenuItem
          key={right}
          role="menuitemcheckbox"
          aria-checked={rights[right]}
          onClick={() => {
            onToggle(right);
            onClose();
          }}
        >
          <ListItemIcon>
            <Checkbox edge="start" size="small" checked={rights[right]} tabIndex={-1} disableRipple sx={{ p: 0 }} />
          </ListItemIcon>
          <ListItemText primary={translate(`app.matrix.rights.${right}`)} />
        </MenuItem>
      ))}
    </Menu>
  );
};
