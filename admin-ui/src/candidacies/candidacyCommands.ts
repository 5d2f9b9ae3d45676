import type { Identifier } from 'react-admin';
import { getJson, postJson, segment } from '../httpClient';
import type { BulkResult, Candidacy, CandidacyDecision, CandidacyInput } from '../types';

const command = (id: Identifier, action: string, body?: object) =>
  postJson<Candidacy>(`/candidacies/${segment(id)}/${action}`, body);

/** Public: applies to become an administrator of the company owning the SIRET; a confirmation mail follows. */
export const applyForCandidacy = (input: CandidacyInput) =>
  postJson<{ id: Identifier; workflowId: string }>('/candidacies', input);

/** The signed-in candidate's own candidacy, with its workflow's status. */
export const getMyCandidacy = () => getJson<Candidacy>('/candidacies/mine');

/** An active administrator of the company accepts or refuses (a refusal needs a reason). */
export const decideCandidacy = (id: Identifier, decision: CandidacyDecision, reason?: string) =>
  command(id, 'decision', { decision, reason });

/** The same decision on several candidacies, each decided on its own. */
export const decideCandidacies = (ids: Identifier[], decision: CandidacyDecision, reason?: string) =>
  postJson<{ results: BulkResult[] }>('/candidacies/decisions', { ids, decision, reason }).then(({ results }) => results);

export const cancelCandidacy = (id: Identifier, reason?: string) => command(id, 'cancel', { reason });

/** Support unlocks a candidacy locked by wrong keys; the reason is required and audited. */
export const unlockCandidacy = (id: Identifier, reason?: string) => command(id, 'unlock', { reason });

/** Support: sends again the mail of the current phase. */
export const resendCandidacyMail = (id: Identifier) => command(id, 'resend-mail');

/** A new activation letter; it voids the previous key. */
export const requestLetter = (id: Identifier) => command(id, 'letters');

/** The candidate leaves the approval route for the activation letter, once it is offered. */
export const switchToLetterRoute = (id: Identifier) => command(id, 'letter-route');

/** The candidate types the key of his letter; a wrong key answers 422 with `attemptsLeft`. */
export const submitActivationKey = (id: Identifier, key: string) => command(id, 'activation-key', { key });
