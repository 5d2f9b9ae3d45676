import { Box, Collapse } from '@mui/material';
import { useState } from 'react';
import { Button, type FieldProps } from 'react-admin';
import { JsonField } from './JsonField';

/** A workflow's own state, keys and codes as the workflow keeps them: for support, who repairs processes, behind a click. */
export const RawStateField = ({ source }: FieldProps & { source: string }) => {
  const [open, setOpen] = useState(false);
  return (
    <Box>
      <Button label={open ? 'app.raw_state.hide' : 'app.raw_state.show'} onClick={() => setOpen(!open)} aria-expanded={open} sx={{ px: 0 }} />
      <Collapse in={open} unmountOnExit>
        <JsonField source={source} />
      </Collapse>
    </Box>
  );
};
