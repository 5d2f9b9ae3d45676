import { Stack } from '@mui/material';
import { useState } from 'react';
import { useNotify, usePermissions, useRecordContext } from 'react-admin';
import { useCommand } from '../common/useCommand';
import type { Candidacy, CandidacyDecision, ConsoleRole } from '../types';
import { decideCandidacy } from './candidacyCommands';
import { awaitsApproval, candidateName } from './candidacyRules';
import { DecisionChoice } from './DecisionChoice';

interface Decision {
  id: Candidacy['id'];
  decision: CandidacyDecision;
  reason?: string;
}

/**
 * Accept / Refuse, for the company's administrators while the candidacy awaits
 * approval; a refusal asks its reason. The workflow's validator has the last
 * word: its refusal (not an active administrator, already decided…) is notified.
 * In a list row, one above the other (`direction="column"`), to keep the list narrow.
 */
export const DecisionButtons = ({ direction = 'row' }: { direction?: 'row' | 'column' }) => {
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
    <Stack direction={direction} spacing={direction === 'row' ? 1 : 0} sx={{ alignItems: 'flex-start' }} onClick={(event) => event.stopPropagation()}>
      <DecisionChoice
        asking={asking}
        onAsk={setAsking}
        pending={isPending}
        acceptTitle="app.candidacies.accept_title"
        acceptContent="app.candidacies.accept_content"
        refuseTitle="app.candidacies.refuse_title"
        translateOptions={{ name, company: candidacy.companyName }}
        onDecide={(decision, reason) => mutate({ id: candidacy.id, decision, reason })}
      />
    </Stack>
  );
};
