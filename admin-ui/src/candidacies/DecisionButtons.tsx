import AcceptIcon from '@mui/icons-material/CheckCircle';
import RefuseIcon from '@mui/icons-material/Block';
import { Stack } from '@mui/material';
import { useState } from 'react';
import { Button, Confirm, useNotify, usePermissions, useRecordContext } from 'react-admin';
import { ReasonDialog } from '../common/ReasonDialog';
import { useCommand } from '../common/useCommand';
import type { Candidacy, CandidacyDecision, ConsoleRole } from '../types';
import { decideCandidacy } from './candidacyCommands';
import { awaitsApproval, candidateName } from './candidacyRules';

interface Decision {
  id: Candidacy['id'];
  decision: CandidacyDecision;
  reason?: string;
}

/**
 * Accept / Refuse, for the company's administrators while the candidacy awaits
 * approval; a refusal asks its reason. The workflow's validator has the last
 * word: its refusal (not an active administrator, already decided…) is notified.
 */
export const DecisionButtons = () => {
  const candidacy = useRecordContext<Candidacy>();
  const { permissions: role } = usePermissions<ConsoleRole | null>();
  const notify = useNotify();
  const [asking, setAsking] = useState<CandidacyDecision>();
  const { mutate, isPending } = useCommand(
    ({ id, decision, reason }: Decision) => decideCandidacy(id, decision, reason),
    {
      onSuccess: (_decided, { decision }) => {
        setAsking(undefined);
        notify(decision === 'ACCEPT' ? 'app.candidacies.accepted' : 'app.candidacies.refused', { type: 'success' });
      },
    },
  );

  if (role !== 'ADMINISTRATOR' || !candidacy || !awaitsApproval(candidacy)) return null;
  const name = candidateName(candidacy);
  return (
    // Inside a list row, a click here (dialogs included) must not open the row.
    <Stack direction="row" spacing={1} onClick={(event) => event.stopPropagation()}>
      <Button label="app.candidacies.accept" color="success" onClick={() => setAsking('ACCEPT')} disabled={isPending}>
        <AcceptIcon />
      </Button>
      <Button label="app.candidacies.refuse" color="error" onClick={() => setAsking('REFUSE')} disabled={isPending}>
        <RefuseIcon />
      </Button>
      <Confirm
        isOpen={asking === 'ACCEPT'}
        loading={isPending}
        title="app.candidacies.accept_title"
        content="app.candidacies.accept_content"
        translateOptions={{ name, company: candidacy.companyName }}
        confirm="app.candidacies.accept"
        onConfirm={() => mutate({ id: candidacy.id, decision: 'ACCEPT' })}
        onClose={() => setAsking(undefined)}
      />
      {asking === 'REFUSE' && (
        <ReasonDialog
          open
          title="app.candidacies.refuse_title"
          content="app.candidacies.refuse_content"
          confirmLabel="app.candidacies.refuse"
          confirmIcon={<RefuseIcon />}
          minLength={1}
          pending={isPending}
          onConfirm={(reason) => mutate({ id: candidacy.id, decision: 'REFUSE', reason })}
          onClose={() => setAsking(undefined)}
        />
      )}
    </Stack>
  );
};
