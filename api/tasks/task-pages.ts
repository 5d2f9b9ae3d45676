import { CANDIDACY_WORKFLOW_TYPE, candidacyIdOf } from '../../workflows/administrator-candidacy/administrator-candidacy.messages';
import { DEPARTURE_WORKFLOW_TYPE, departureIdOf } from '../../workflows/collaborator-departure/collaborator-departure.messages';
import { PREVENTION_EMPLOYER_CHECK_WORKFLOW_TYPE } from '../../workflows/prevention-check/prevention-check.messages';
import { PREVENTION_CORRECTION_WORKFLOW_TYPE } from '../../workflows/prevention-correction/prevention-correction.messages';

/**
 * Where the console does a task, by workflow type then business phase
 * (a console route such as `/candidacies/<id>/show`). A type or phase not
 * listed opens the process page, where its commands are: a new workflow
 * type needs no entry to appear in the inbox.
 */
const TASK_PAGES: Record<string, Record<string, (workflowId: string) => string>> = {
  [CANDIDACY_WORKFLOW_TYPE]: {
    AWAITING_APPROVAL: (id) => `/candidacies/${encodeURIComponent(candidacyIdOf(id))}/show`,
    AWAITING_LETTER: () => '/letters',
  },
  [DEPARTURE_WORKFLOW_TYPE]: {
    WAITING_FOR_TARGET: (id) => `/departures/${encodeURIComponent(departureIdOf(id))}/show`,
  },
  [PREVENTION_EMPLOYER_CHECK_WORKFLOW_TYPE]: {
    CHECK_TO_DO: () => '/prevention-check',
  },
  [PREVENTION_CORRECTION_WORKFLOW_TYPE]: {
    CORRECTION_TO_DO: () => '/prevention-declarations',
  },
};

export function taskPage(workflowType: string, phase: string | null, workflowId: string): string {
  const page = phase ? TASK_PAGES[workflowType]?.[phase] : undefined;
  return page ? page(workflowId) : `/workflows/${encodeURIComponent(workflowId)}/show`;
}
