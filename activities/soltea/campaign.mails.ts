import type { EmployerTransferStep } from '../../domain/soltea/transfer-projection';
import { composeMail, type MailContent } from '../mail/mail-content';
import { frenchDate } from '../shared/french-date';

/** Who an employer's mail goes to: the DSN's contact address (no name), or one of his company's active administrators. */
export interface EmployerRecipient {
  email: string;
  firstName?: string;
  lastName?: string;
}

export interface EmployerOfMail {
  siret: string;
  name: string;
  balanceCents: number;
}

const hello = (to: EmployerRecipient) => (to.firstName && to.lastName ? `Bonjour ${to.firstName} ${to.lastName},` : 'Bonjour,');
// Formatters made once: a page writes hundreds of mails, and building an Intl formatter costs more than the mail.
const EUROS = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const PERCENT = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
const DAYS = new Map<string, string>();
const euros = (cents: number) => EUROS.format(cents / 100);
const percent = (bp: number) => `${PERCENT.format(bp / 100)} %`;
const day = (iso: string) => DAYS.get(iso) ?? DAYS.set(iso, frenchDate(new Date(`${iso}T12:00:00Z`))).get(iso)!;
const employerLine = (e: EmployerOfMail, year: number) =>
  `le solde de la taxe d'apprentissage ${year} de l'établissement ${e.name} (SIRET ${e.siret}), soit ${euros(e.balanceCents)}`;

/** The console page where an employer makes his choices. */
export const allocationsPath = (siret: string) => `/#/soltea-allocations/${siret}`;

export interface ReminderFacts {
  year: number;
  period: 'PERIOD1' | 'PERIOD2';
  /** The period's last day (YYYY-MM-DD). */
  closesOn: string;
  /** The day of the transfer that follows (YYYY-MM-DD). */
  transferOn: string;
  allocatedBp: number;
}

/** To an employer with a share of his balance not allocated yet, N days before a designation period closes. */
export function reminderMail(to: EmployerRecipient, employer: EmployerOfMail, r: ReminderFacts, url: string): MailContent {
  const left = percent(10_000 - r.allocatedBp);
  const after =
    r.period === 'PERIOD1'
      ? `Des choix couvrant 100 % du solde seront versés aux établissements à partir du ${day(r.transferOn)} et ne pourront plus être modifiés ; des choix partiels resteront modifiables pendant la seconde période de désignation.`
      : `La part qui ne sera pas affectée à cette date sera répartie entre les établissements habilités, selon les règles fixées par arrêté ; les choix faits seront versés à partir du ${day(r.transferOn)}.`;
  return composeMail(
    to.email,
    `SOLTéA ${r.year} : ${left} de votre solde reste à affecter avant le ${day(r.closesOn)}`,
    [
      hello(to),
      `Vous pouvez choisir, sur la plateforme SOLTéA, les établissements qui recevront ${employerLine(employer, r.year)}. À ce jour, ${percent(r.allocatedBp)} de ce solde est affecté : il reste ${left} à affecter.`,
      `La période de désignation ${r.period === 'PERIOD1' ? '1' : '2'} se termine le ${day(r.closesOn)} au soir. ${after}`,
    ],
    { label: 'Affecter mon solde', url },
  );
}

export interface UnpaidShare {
  establishmentSiret: string;
  establishmentName: string;
  cents: number;
}

export interface UnpaidFacts {
  year: number;
  step: EmployerTransferStep;
  unpaid: UnpaidShare[];
  /** For TRANSFER1: the second designation period (YYYY-MM-DD), when the employer may choose again. */
  period2?: { opensOn: string; closesOn: string };
}

/** To an employer after a transfer: establishments he chose had no bank details and were not paid. */
export function unpaidSharesMail(to: EmployerRecipient, employer: EmployerOfMail, f: UnpaidFacts, url: string): MailContent {
  const list = f.unpaid.map((u) => `${u.establishmentName} (SIRET ${u.establishmentSiret}) : ${euros(u.cents)}`).join(' ; ');
  const one = f.unpaid.length === 1;
  const what =
    f.step === 'TRANSFER1'
      ? `${one ? 'Ce choix est retiré' : 'Ces choix sont retirés'} et vos choix ne sont pas figés : vous pouvez affecter cette part à ${one ? 'un autre établissement' : "d'autres établissements"} pendant la seconde période de désignation${f.period2 ? `, du ${day(f.period2.opensOn)} au ${day(f.period2.closesOn)}` : ''}.`
      : `Cette part rejoint les fonds non affectés, répartis entre les établissements habilités selon les règles fixées par arrêté.`;
  return composeMail(
    to.email,
    `SOLTéA ${f.year} : ${one ? 'un établissement choisi n’a pas pu être payé' : 'des établissements choisis n’ont pas pu être payés'}`,
    [
      hello(to),
      `Lors du versement ${f.step === 'TRANSFER1' ? 'de la première période' : 'de la seconde période'}, pour ${employerLine(employer, f.year)}, ${one ? "l'établissement suivant n'avait" : "les établissements suivants n'avaient"} pas fourni de coordonnées bancaires et ${one ? "n'a" : "n'ont"} rien reçu : ${list}.`,
      what,
    ],
    { label: 'Voir mes choix', url },
  );
}
