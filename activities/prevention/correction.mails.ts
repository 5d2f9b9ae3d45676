import { composeMail, type MailContent } from '../mail/mail-content';
import { frenchDate } from '../shared/french-date';

/** Who is told at the training body: the account that declared the lines, or those who may declare for its SIRET, or its administrators. */
export interface CorrectionRecipient {
  email: string;
  firstName: string;
  lastName: string;
}

export interface CorrectionFacts {
  /** The training body's declaring SIRET and its company's name. */
  declarantSiret: string;
  trainingBodyName: string;
  /** Lines of the request declared under that SIRET. */
  lines: number;
  /** The employers who asked, « Boulangerie Martin (SIREN 842716409) ». */
  employers: string[];
  /** The last day to correct (YYYY-MM-DD, Paris). */
  due: string;
}

/** The console page where a training body sees its declarations, the lines sent back and their reason. */
export const CORRECTION_PATH = '/#/prevention-declarations';

/**
 * To the training body, once per request and SIRET: lines of its
 * declarations were sent back for correction. Counts and company names
 * only: no learner's name or NIR, and not the employer's reason — free
 * text that may name a person; it is read in the console, next to each line.
 */
export function correctionRequestMail(to: CorrectionRecipient, c: CorrectionFacts, url: string): MailContent {
  const due = frenchDate(new Date(`${c.due}T12:00:00Z`));
  const lines = c.lines === 1 ? 'une ligne' : `${c.lines} lignes`;
  return composeMail(
    to.email,
    `Passeport de prévention : correction demandée sur ${lines} de vos déclarations`,
    [
      `Bonjour ${to.firstName} ${to.lastName},`,
      `${c.employers.join(', ')} demande la correction de ${lines} des déclarations du passeport de prévention faites par ${c.trainingBodyName} (SIRET ${c.declarantSiret}).`,
      `Le motif est indiqué sur chaque ligne concernée dans la console. Une déclaration ne se modifie pas : supprimez la ligne, puis déclarez à nouveau l'apprenant, avant le ${due} au soir.`,
    ],
    { label: 'Voir mes déclarations', url },
  );
}
