import { composeMail, type MailContent } from '../mail/mail-content';
import { frenchDate } from '../shared/french-date';

/** An active administrator of the company the check belongs to. */
export interface CheckRecipient {
  email: string;
  firstName: string;
  lastName: string;
}

export interface CheckFacts {
  year: number;
  siren: string;
  companyName: string;
  /** The check's last day (YYYY-MM-DD, Paris). */
  due: string;
}

/** The console page where an administrator does his company's yearly check. */
export const CHECK_PATH = '/#/prevention-check';

/**
 * To each active administrator of the company, some days before the due
 * day, when the year's check is not done yet. Ids and counts only: never
 * a learner's name or NIR.
 */
export function checkReminderMail(to: CheckRecipient, c: CheckFacts, url: string): MailContent {
  const due = frenchDate(new Date(`${c.due}T12:00:00Z`));
  return composeMail(
    to.email,
    `Passeport de prévention ${c.year} : votre vérification annuelle est à faire avant le ${due}`,
    [
      `Bonjour ${to.firstName} ${to.lastName},`,
      `Chaque année, l'employeur vérifie les déclarations du passeport de prévention de ses salariés : ceux qui n'en ont aucune, et celles qui attendent encore sa vérification.`,
      `La vérification ${c.year} de ${c.companyName} (SIREN ${c.siren}) n'est pas encore faite. Un administrateur de l'entreprise peut la faire, et l'indiquer comme faite, jusqu'au ${due} au soir.`,
    ],
    { label: 'Faire la vérification annuelle', url },
  );
}
