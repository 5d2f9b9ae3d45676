import { Box } from '@mui/material';
import { LocalesMenuButton } from 'react-admin';

/** The language menu of the pages without an app bar (login, public forms), at the top right of their card. */
export const LanguageMenu = () => (
  <Box sx={{ display: 'flex', justifyContent: 'flex-end', px: 1, pt: 1 }}>
    <LocalesMenuButton />
  </Box>
);
