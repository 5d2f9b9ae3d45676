import type { TokenPurpose } from '../../domain/confirmation/token-purpose';
import { composeMail, type MailContent } from '../mail/mail-content';

export interface ConfirmationMailContext {
  to: string;
  firstName: string;
  lastName: string;
  siret: string;
  companyName: string;
  link: string;
  expiresAt: Date;
  reminder: boolean;
}

const formatDate = (d: Date) =>
  d.toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long', timeStyle: 'short' });

export function confirmationMail(purpose: TokenPurpose, ctx: ConfirmationMailContext): MailContent {
  const what = {
    REGISTRATION: `l'inscription de l'entreprise ${ctx.companyName}`,
    EMAIL_CONFIRMATION: `votre adresse e-mail pour l'entreprise ${ctx.companyName}`,
    CANDIDACY: `votre candidature d'administrateur de l'entreprise ${ctx.companyName}`,
    ARRIVAL: `votre accès au portail pour l'entreprise ${ctx.companyName}`,
  }[purpose];
  const subject = `${ctx.reminder ? 'Rappel : c' : 'C'}onfirmez ${what}`;
  return composeMail(
    ctx.to,
    subject,
    [
      `Bonjour ${ctx.firstName} ${ctx.lastName},`,
      `Pour finaliser ${what}, confirmez votre adresse e-mail en suivant le lien ci-dessous.`,
      `Ce lien est à usage unique et expire le ${formatDate(ctx.expiresAt)}. Tout lien reçu précédemment n'est plus valable.`,
      `Votre identifiant de connexion : SIRET ${ctx.siret}, nom ${ctx.lastName}, prénom ${ctx.firstName}.`,
    ],
    { label: 'Confirmer mon adresse e-mail', url: ctx.link },
  );
}
