import AcceptIcon from '@mui/icons-material/CheckCircle';
import RefuseIcon from '@mui/icons-material/Block';
import { useState } from 'react';
import { Button, Confirm, useListContext, type Identifier } from 'react-admin';
import { ReasonDialog } from '../common/ReasonDialog';
import { useCommand } from '../common/useCommand';
import { useNotifyBulkResults } from '../common/useNotifyBulkResults';
import type { Candidacy, CandidacyDecision } from '../types';
import { decideCandidacies } from './candidacyCommands';
import { candidateName } from './candidacyRules';

interface BulkDecision {
  ids: Identifier[];
  decision: CandidacyDecision;
  reason?: string;
}

/** Accepts or refuses every selected candidacy; each is decided on its own, the summary names the failures. */
export const BulkDecisionButtons = () => {
  const { selectedIds, data, onUnselectItems } = useListContext<Candidacy>();
  const notifyResults = useNotifyBulkResults();
  const [asking, setAsking] = useState<CandidacyDecision>();
  const nameOf = (id: Identifier) => {
    const candidacy = data?.find((record) => record.id === id);
    return candidacy ? candidateName(candidacy) : String(id);
  };
  const { mutate, isPending } = useCommand(
    ({ ids, decision, reason }: BulkDecision) => decideCandidacies(ids, decision, reason),
    {
      onSuccess: (results) => {
        setAsking(undefined);
        onUnselectItems();
        notifyResults(results, nameOf);
      },
    },
  );
  const decide = (decision: CandidacyDecision, reason?: string) => mutate({ ids: selectedIds, decision, reason });

  return (
    <>
      <Button label="app.candidacies.accept" color="success" onClick={() => setAsking('ACCEPT')} disabled={isPending}>
        <AcceptIcon />
      </Button>
      <Button label="app.candidacies.refuse" color="error" onClick={() => setAsking('REFUSE')} disabled={isPending}>
        <RefuseIcon />
      </Button>
      <Confirm
        isOpen={asking === 'ACCEPT'}
        loading={isPending}
        title="app.candidacies.bulk_accept_title"
        content="app.candidacies.bulk_accept_content"
        translateOptions={{ smart_count: selectedIds.length }}
        confirm="app.candidacies.accept"
        onConfirm={() => decide('ACCEPT')}
        onClose={() => setAsking(undefined)}
      />
      {asking === 'REFUSE' && (
        <ReasonDialog
          open
          title="app.candidacies.bulk_refuse_title"
          content="app.candidacies.refuse_content"
          confirmLabel="app.candidacies.refuse"
          confirmIcon={<RefuseIcon />}
          minLength={1}
          pending={isPending}
          onConfirm={(reason) => decide('REFUSE', reason)}
          onClose={() => setAsking(undefined)}
        />
      )}
    </>
  );
};
