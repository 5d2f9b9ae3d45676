import { composeMail, type MailContent } from '../mail/mail-content';
import { frenchDate } from '../shared/french-date';

export interface Person {
  email: string;
  firstName: string;
  lastName: string;
}

const hello = (to: Person) => `Bonjour ${to.firstName} ${to.lastName},`;
const rights = (n: number) => (n === 1 ? '1 habilitation' : `${n} habilitations`);

export interface AppliedDeparture {
  leaver: string;
  companyName: string;
  effectiveDate: Date;
  /** Who received the rights; null when they were revoked. */
  target: string | null;
  transferred: number;
  revoked: number;
}

/** To the company's active administrators (and the leaver's successor): a departure took effect. */
export function departureAppliedMail(to: Person, d: AppliedDeparture, pageUrl: string): MailContent {
  const where = d.target ? `ses droits (${rights(d.transferred)}) ont été transférés à ${d.target}` : `ses droits (${rights(d.revoked)}) ont été révoqués`;
  return composeMail(
    to.email,
    `Départ appliqué : ${d.leaver} (${d.companyName})`,
    [hello(to), `Le départ de ${d.leaver} (${d.companyName}), effectif le ${frenchDate(d.effectiveDate)}, est appliqué : son compte est radié et ${where}.`],
    { label: 'Voir le départ', url: pageUrl },
  );
}

export interface EndedArrival {
  newcomer: string;
  email: string;
  companyName: string;
  rightsGranted: number;
}

/** To the company's active administrators: a new collaborator confirmed his address, his account is active. */
export function arrivalCompletedMail(to: Person, a: EndedArrival, pageUrl: string): MailContent {
  return composeMail(
    to.email,
    `Arrivée terminée : ${a.newcomer} (${a.companyName})`,
    [hello(to), `${a.newcomer} a confirmé son adresse e-mail : son compte est actif pour ${a.companyName}, avec ${rights(a.rightsGranted)}.`],
    { label: 'Voir l’arrivée', url: pageUrl },
  );
}

/** To the company's active administrators: a new collaborator never confirmed, his account is removed. */
export function arrivalExpiredMail(to: Person, a: EndedArrival, pageUrl: string): MailContent {
  return composeMail(
    to.email,
    `Arrivée expirée : ${a.newcomer} (${a.companyName})`,
    [
      hello(to),
      `${a.newcomer} n’a pas confirmé son adresse e-mail (${a.email}) à temps : son compte en attente est supprimé et aucun droit ne lui a été accordé.`,
      'Si sa venue est toujours prévue, enregistrez une nouvelle arrivée.',
    ],
    { label: 'Voir l’arrivée', url: pageUrl },
  );
}
