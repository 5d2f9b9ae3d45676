import CheckIcon from '@mui/icons-material/Check';
import UndoIcon from '@mui/icons-material/Undo';
import { Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, List, ListItem, ListItemText } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, useListContext, useNotify, useRefresh, useTranslate } from 'react-admin';
import { ReasonDialog } from '../common/ReasonDialog';
import { requestCorrection, verifyLearners } from './preventionApi';
import { errorBody, useCodeText, usePreventionErrorText, type PreventionErrorBody } from './preventionErrors';
import type { PreventionLearner } from './types';

/** Why nothing changed, line by line (409 PREVENTION.NOT_VERIFIABLE, 404 PREVENTION.LEARNER_NOT_FOUND), each line named as the list names it. */
const RefusalReport = ({ body, onClose }: { body: PreventionErrorBody; onClose: () => void }) => {
  const translate = useTranslate();
  const codeText = useCodeText();
  const { data = [] } = useListContext<PreventionLearner>();
  const nameOf = (id: string) => {
    const line = data.find((l) => l.id === id);
    return line ? `${line.birthName} ${line.firstNames} — ${line.title}` : translate('app.prevention.verify.unknown_line');
  };
  const lines = body.lines ?? (body.ids ?? []).map((id) => ({ id, reason: 'NOT_FOUND' as const }));
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth>
      <DialogTitle>{translate('app.prevention.verify.report_title')}</DialogTitle>
      <DialogContent>
        <DialogContentText>{codeText(body.code, body.message ?? '')}</DialogContentText>
        <List dense>
          {lines.map((l) => (
            <ListItem key={l.id} disableGutters>
              <ListItemText primary={nameOf(l.id)} secondary={translate(`app.prevention.line_reason.${l.reason}`, { _: l.reason })} />
            </ListItem>
          ))}
        </List>
      </DialogContent>
      <DialogActions>
        <Button label="ra.action.close" onClick={onClose} />
      </DialogActions>
    </Dialog>
  );
};

/** Sends a bulk decision on the selected lines: all or none; a refusal says, line by line, why nothing changed. */
const useBulkDecision = <Args,>(send: (ids: string[], args: Args) => Promise<{ changed: number }>, done: string) => {
  const { selectedIds, onSelect, onUnselectItems } = useListContext<PreventionLearner>();
  const notify = useNotify();
  const refresh = useRefresh();
  const errorText = usePreventionErrorText();
  const [report, setReport] = useState<PreventionErrorBody | null>(null);
  const mutation = useMutation({
    mutationFn: (args: Args) => send(selectedIds as string[], args),
    onSuccess: ({ changed }) => {
      notify(done, { type: 'success', messageArgs: { smart_count: changed } });
      onUnselectItems();
      refresh();
    },
    onError: (error) => {
      const body = errorBody(error);
      if (body?.code === 'PREVENTION.NOT_VERIFIABLE' || body?.code === 'PREVENTION.LEARNER_NOT_FOUND') setReport(body);
      else notify(errorText(error), { type: 'error', messageArgs: { _: errorText(error) } });
    },
  });
  const reportDialog = report && (
    <RefusalReport
      body={report}
      onClose={() => {
        // The lines refused are no longer to decide: they leave the selection, the others stay selected.
        const refused = new Set([...(report.lines ?? []).map((l) => l.id), ...(report.ids ?? [])]);
        onSelect(selectedIds.filter((id) => !refused.has(String(id))));
        setReport(null);
        refresh();
      }}
    />
  );
  return { mutation, reportDialog, count: selectedIds.length };
};

/** « Vérifier »: the employer confirms that his employees followed the training declared. */
export const BulkVerifyButton = () => {
  const { mutation, reportDialog } = useBulkDecision((ids) => verifyLearners(ids), 'app.prevention.verify.verified');
  return (
    <>
      <Button label="app.prevention.verify.verify" onClick={() => mutation.mutate(undefined)} disabled={mutation.isPending}>
        <CheckIcon />
      </Button>
      {reportDialog}
    </>
  );
};

/** « Demander une correction »: the training body is asked, with a reason, to delete and declare again. */
export const BulkCorrectionButton = () => {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const { mutation, reportDialog, count } = useBulkDecision((ids, reason: string) => requestCorrection(ids, reason), 'app.prevention.verify.correction_requested');
  return (
    <>
      <Button label="app.prevention.verify.request_correction" onClick={() => setOpen(true)} disabled={mutation.isPending}>
        <UndoIcon />
      </Button>
      <ReasonDialog
        open={open}
        pending={mutation.isPending}
        title="app.prevention.verify.correction_title"
        content="app.prevention.verify.correction_content"
        confirmLabel="app.prevention.verify.request_correction"
        confirmIcon={<UndoIcon />}
        minLength={3}
        onConfirm={(reason) => mutation.mutate(reason, { onSettled: () => setOpen(false) })}
        onClose={() => setOpen(false)}
      >
        <DialogContentText sx={{ mt: 1 }}>{translate('app.prevention.verify.selected', { smart_count: count })}</DialogContentText>
      </ReasonDialog>
      {reportDialog}
    </>
  );
};
