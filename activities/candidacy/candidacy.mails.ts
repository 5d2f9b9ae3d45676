import { composeMail, type MailContent } from '../mail/mail-content';
import { frenchDate } from '../shared/french-date';

export interface CandidateRef {
  email: string;
  firstName: string;
  lastName: string;
  siret: string;
  companyName: string;
}

const candidate = (c: CandidateRef) => `${c.firstName} ${c.lastName}`;

/** To every active administrator: a candidate waits for their approval. */
export function approvalRequestMail(to: { email: string; firstName: string; lastName: string }, c: CandidateRef, inboxUrl: string, reminder: boolean, expiresAt: Date): MailContent {
  return composeMail(
    to.email,
    `${reminder ? 'Rappel : u' : 'U'}ne candidature d’administrateur attend votre réponse (${c.companyName})`,
    [
      `Bonjour ${to.firstName} ${to.lastName},`,
      `${candidate(c)} demande à devenir administrateur de l’entreprise ${c.companyName} (SIRET ${c.siret}).`,
      `En tant qu’administrateur actif, vous pouvez accepter ou refuser sa candidature jusqu’au ${frenchDate(expiresAt)}. Une seule réponse suffit.`,
    ],
    { label: 'Ouvrir les candidatures', url: inboxUrl },
  );
}

export function letterRouteOfferedMail(c: CandidateRef, pageUrl: string): MailContent {
  return composeMail(
    c.email,
    'Votre candidature d’administrateur : recevoir une clé d’activation par courrier',
    [
      `Bonjour ${candidate(c)},`,
      `Aucun administrateur de ${c.companyName} n’a encore répondu à votre candidature.`,
      'Vous pouvez demander l’envoi d’une clé d’activation par courrier postal au siège de l’entreprise, puis la saisir dans la console.',
    ],
    { label: 'Suivre ma candidature', url: pageUrl },
  );
}

export function approvedMail(c: CandidateRef, loginUrl: string): MailContent {
  return composeMail(
    c.email,
    `Vous êtes administrateur de ${c.companyName}`,
    [`Bonjour ${candidate(c)},`, `Votre candidature est acceptée : vous êtes désormais administrateur de ${c.companyName}, avec effet immédiat.`],
    { label: 'Se connecter', url: loginUrl },
  );
}

export function newAdministratorMail(to: { email: string; firstName: string; lastName: string }, c: CandidateRef, inboxUrl: string): MailContent {
  return composeMail(
    to.email,
    `Nouvel administrateur : ${candidate(c)} (${c.companyName})`,
    [`Bonjour ${to.firstName} ${to.lastName},`, `${candidate(c)} est désormais administrateur de ${c.companyName}.`],
    { label: 'Voir les candidatures', url: inboxUrl },
  );
}

const CLOSED_TEXT = {
  REFUSED: 'a été refusée',
  EXPIRED: 'a expiré sans validation',
  LOCKED: 'est verrouillée : trop de clés d’activation erronées ont été saisies',
  CANCELLED: 'a été annulée',
} as const;

export function candidacyClosedMail(c: CandidateRef, outcome: keyof typeof CLOSED_TEXT, reason: string | null, pageUrl: string): MailContent {
  return composeMail(
    c.email,
    `Votre candidature d’administrateur de ${c.companyName}`,
    [
      `Bonjour ${candidate(c)},`,
      `Votre candidature d’administrateur de ${c.companyName} ${CLOSED_TEXT[outcome]}.`,
      ...(reason ? [`Motif : ${reason}`] : []),
    ],
    { label: 'Voir ma candidature', url: pageUrl },
  );
}

export function letterOverdueMail(to: string, letter: { sequence: number; companyName: string; siret: string; candidateName: string; postBy: Date }, queueUrl: string): MailContent {
  return composeMail(
    to,
    `Courrier d’activation non posté : ${letter.companyName} (${letter.siret})`,
    [
      `Le courrier d’activation n° ${letter.sequence} de ${letter.candidateName} pour ${letter.companyName} (SIRET ${letter.siret}) devait être posté avant le ${frenchDate(letter.postBy)}.`,
      'Imprimez-le et marquez-le « posté » dans la file d’impression.',
    ],
    { label: 'Ouvrir la file d’impression', url: queueUrl },
  );
}
