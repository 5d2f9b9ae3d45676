import TuneIcon from '@mui/icons-material/Tune';
import { Box, Checkbox, CircularProgress, IconButton, Stack, Typography } from '@mui/material';
import type { HabilitationRights } from '../types';
import { RIGHTS } from './RightsMenu';

interface MatrixCellControlProps {
  /** Accessible name of the checkbox: `${lastName} ${firstName} — ${siret} — ${serviceCode}`. */
  label: string;
  menuLabel: string;
  /** One letter per right (D, P, C), shown for the rights granted. */
  initials: Record<keyof HabilitationRights, string>;
  rights: HabilitationRights;
  /** The saved rights are still loading: nothing to change yet. */
  loading: boolean;
  /** A change waits for the API's answer. */
  saving: boolean;
  onChange: (granted: boolean) => void;
  onOpenMenu: (anchor: HTMLElement) => void;
}

/** A cell: a checkbox (grant declare + consult / revoke), the rights granted, a button for the detailed rights. */
export const MatrixCellControl = ({ label, menuLabel, initials, rights, loading, saving, onChange, onOpenMenu }: MatrixCellControlProps) => {
  const granted = RIGHTS.some((right) => rights[right]);
  const disabled = loading || saving;
  return (
    <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'center' }}>
      <Box sx={{ position: 'relative' }}>
        <Checkbox
          size="small"
          checked={granted}
          disabled={disabled}
          onChange={(event) => onChange(event.target.checked)}
          slotProps={{ input: { 'aria-label': label } }}
        />
        {saving && <CircularProgress size={16} sx={{ position: 'absolute', top: '50%', left: '50%', mt: '-8px', ml: '-8px' }} />}
      </Box>
      <Typography variant="caption" sx={{ minWidth: 28, fontFamily: 'monospace' }} aria-hidden>
        {RIGHTS.filter((right) => rights[right])
          .map((right) => initials[right])
          .join('')}
      </Typography>
      <IconButton size="small" aria-label={menuLabel} disabled={disabled} onClick={(event) => onOpenMenu(event.currentTarget)}>
        <TuneIcon fontSize="inherit" />
      </IconButton>
    </Stack>
  );
};
