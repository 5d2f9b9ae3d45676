import { Button as MuiButton, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import { useState } from 'react';
import { Button, useRecordContext, useTranslate, type FieldProps } from 'react-admin';
import type { ActivityFailure } from '../types';
import { Preformatted } from './JsonField';

/** Support's view of the raw message (possibly SQL or a stack trace, in English), in a dialog wide enough to read it. */
const TechnicalDetail = ({ detail }: { detail: string }) => {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  return (
    // Inside a list row, a click here (dialog included) must not open the row.
    <span onClick={(event) => event.stopPropagation()}>
      <Button label="app.failures.show_detail" onClick={() => setOpen(true)} sx={{ px: 0 }} />
      <Dialog open={open} onClose={() => setOpen(false)} maxWidth="md" fullWidth>
        <DialogTitle>{translate('app.failures.detail_title')}</DialogTitle>
        <DialogContent>
          <Preformatted>{detail}</Preformatted>
        </DialogContent>
        <DialogActions>
          <MuiButton onClick={() => setOpen(false)}>{translate('ra.action.close')}</MuiButton>
        </DialogActions>
      </Dialog>
    </span>
  );
};

/** An activity's last failure: its cause in words, its code, and for support the raw message behind a click. */
export const FailureField = (_props: FieldProps) => {
  const record = useRecordContext<ActivityFailure>();
  const translate = useTranslate();
  if (!record?.failure) return null;
  const { cause, code } = record.failure;
  return (
    <>
      <Typography variant="body2">{translate(`app.enums.failureCause.${cause}`, { _: cause })}</Typography>
      {code && (
        <Typography variant="caption" color="text.secondary" sx={{ display: 'block', fontFamily: 'monospace', overflowWrap: 'anywhere' }}>
          {code}
        </Typography>
      )}
      {record.failureDetail && <TechnicalDetail detail={record.failureDetail} />}
    </>
  );
};
