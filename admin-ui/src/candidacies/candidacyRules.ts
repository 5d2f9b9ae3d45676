import type { Candidacy, CandidacyStatus } from '../types';

/** When each process action is offered; the server still decides (its refusals show as notifications). */
export const PENDING_STATUSES: CandidacyStatus[] = ['AWAITING_EMAIL', 'AWAITING_APPROVAL', 'AWAITING_LETTER', 'AWAITING_KEY'];

export const isPending = (candidacy: Candidacy) => PENDING_STATUSES.includes(candidacy.status);

export const awaitsApproval = (candidacy: Candidacy) => candidacy.status === 'AWAITING_APPROVAL';

export const awaitsKey = (candidacy: Candidacy) => candidacy.status === 'AWAITING_KEY';

/** Mails exist for these phases only: the confirmation link, the administrators' request. */
export const mayResendMail = (candidacy: Candidacy) => candidacy.status === 'AWAITING_EMAIL' || awaitsApproval(candidacy);

export const mayTakeLetterRoute = (candidacy: Candidacy) =>
  candidacy.route === 'APPROVAL' && awaitsApproval(candidacy) && candidacy.letterRouteOffered;

export const mayRequestLetter = (candidacy: Candidacy) =>
  candidacy.route === 'LETTER' && (candidacy.status === 'AWAITING_LETTER' || awaitsKey(candidacy));

/** Locked by wrong keys and still waiting for support (a candidacy locked before support could unlock is closed). */
export const mayUnlock = (candidacy: Candidacy) => candidacy.status === 'LOCKED' && candidacy.workflow?.awaiting === 'SUPPORT';

/** Its own cancel closes a pending candidacy, or one locked and waiting for support (a run locked before that refuses: CANDIDACY.LOCKED). */
export const mayCancel = (candidacy: Candidacy) => isPending(candidacy) || mayUnlock(candidacy);

export const candidateName = (candidacy: Pick<Candidacy, 'firstName' | 'lastName'>) =>
  `${candidacy.firstName} ${candidacy.lastName.toUpperCase()}`;
