import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  IconButton,
  InputAdornment,
  TextField,
} from '@mui/material';
import { useNotify, useTranslate } from 'react-admin';
import type { CreatedApiKey } from '../types';

/** The clear key, once: copy it now, it is stored hashed and never shown again. */
export const NewKeyDialog = ({ apiKey, onClose }: { apiKey: CreatedApiKey; onClose: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  // The clipboard API exists only in secure contexts (https, localhost): otherwise, select and copy by hand.
  const copy = () =>
    Promise.resolve()
      .then(() => navigator.clipboard.writeText(apiKey.key))
      .then(
        () => notify('app.api_keys.copied', { type: 'success' }),
        () => notify('app.api_keys.copy_failed', { type: 'warning' }),
      );
  return (
    <Dialog open fullWidth maxWidth="sm" aria-labelledby="new-api-key-title">
      <DialogTitle id="new-api-key-title">{translate('app.api_keys.created_title', { name: apiKey.name })}</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }}>
          {translate('app.api_keys.shown_once')}
        </Alert>
        <TextField
          fullWidth
          label={translate('app.api_keys.key')}
          value={apiKey.key}
          onFocus={(event) => event.target.select()}
          slotProps={{
            htmlInput: { readOnly: true, spellCheck: false, sx: { fontFamily: 'monospace' } },
            input: {
              endAdornment: (
                <InputAdornment position="end">
                  <IconButton aria-label={translate('app.api_keys.copy')} onClick={copy} edge="end">
                    <ContentCopyIcon />
                  </IconButton>
                </InputAdornment>
              ),
            },
          }}
        />
      </DialogContent>
      <DialogActions>
        <Button variant="contained" onClick={onClose}>
          {translate('app.api_keys.done')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
