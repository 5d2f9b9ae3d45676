import { useState } from 'react';
import { useListContext, type Identifier } from 'react-admin';
import { useCommand } from '../common/useCommand';
import { useNotifyBulkResults } from '../common/useNotifyBulkResults';
import type { Candidacy, CandidacyDecision } from '../types';
import { decideCandidacies } from './candidacyCommands';
import { candidateName } from './candidacyRules';
import { DecisionChoice } from './DecisionChoice';

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
  return (
    <DecisionChoice
      asking={asking}
      onAsk={setAsking}
      pending={isPending}
      acceptTitle="app.candidacies.bulk_accept_title"
      acceptContent="app.candidacies.bulk_accept_content"
      refuseTitle="app.candidacies.bulk_refuse_title"
      translateOptions={{ smart_count: selectedIds.length }}
      onDecide={(decision, reason) => mutate({ ids: selectedIds, decision, reason })}
    />
  );
};
