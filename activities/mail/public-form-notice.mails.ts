import type { PublicFormNotice, PublicFormNoticeKind } from '../../workflows/public-form-notice/public-form-notice.messages';
import { composeMail, type MailContent } from './mail-content';

/** The console's public pages a notice leads to. */
const PAGES = {
  login: { label: 'Se connecter', path: '/#/login' },
  register: { label: 'Inscrire une entreprise', path: '/#/register' },
  candidacy: { label: 'Devenir administrateur', path: '/#/candidacy/apply' },
} as const;

interface Notice {
  subject: string;
  paragraphs: string[];
  page: keyof typeof PAGES;
}

const registrationAsked = (siren: string) => `Vous avez demandé l'inscription de l'entreprise SIREN ${siren} sur le portail.`;
const candidacyAsked = (siret: string) => `Vous avez demandé à devenir administrateur de l'entreprise de l'établissement SIRET ${siret}.`;
const askAnAdministrator =
  "demandez à l'un de ses administrateurs de vous créer un accès, ou demandez à en devenir administrateur : un administrateur actif de l'entreprise approuvera votre demande, ou un courrier portant une clé d'activation sera envoyé au siège.";

/** What each notice says, from the identity typed in the form. */
const NOTICES: Record<PublicFormNoticeKind, (n: PublicFormNotice, siren: string) => Notice> = {
  'REGISTRATION.COMPANY_EXISTS': (_n, siren) => ({
    subject: `Inscription de l'entreprise ${siren} : entreprise déjà inscrite`,
    paragraphs: [
      `${registrationAsked(siren)} Cette entreprise y est déjà inscrite : votre demande n'a pas été enregistrée.`,
      `Si vous y avez déjà un accès, connectez-vous avec votre SIRET, votre nom et votre prénom ; sinon, ${askAnAdministrator}`,
    ],
    page: 'candidacy',
  }),
  'REGISTRATION.ALREADY_RUNNING': (_n, siren) => ({
    subject: `Inscription de l'entreprise ${siren} : une inscription est déjà en cours`,
    paragraphs: [
      `${registrationAsked(siren)} Une inscription de cette entreprise attend déjà la confirmation de l'adresse e-mail de son premier administrateur : votre demande n'a pas été enregistrée.`,
      "Si cette inscription est la vôtre, suivez le lien du courriel de confirmation reçu alors ; s'il a expiré, la page qu'il ouvre permet d'en demander un nouveau. Sinon, une inscription qui n'est pas confirmée est effacée après un délai : vous pourrez alors inscrire l'entreprise.",
    ],
    page: 'login',
  }),
  'REGISTRATION.SIRET_TAKEN': (n, siren) => ({
    subject: `Inscription de l'entreprise ${siren} : établissement déjà inscrit`,
    paragraphs: [
      `${registrationAsked(siren)} Son siège, l'établissement SIRET ${n.siret}, appartient déjà à une entreprise inscrite : votre demande n'a pas été enregistrée.`,
      `Vérifiez le SIRET du siège. S'il est exact, l'entreprise est déjà inscrite : ${askAnAdministrator}`,
    ],
    page: 'candidacy',
  }),
  'CANDIDACY.COMPANY_NOT_FOUND': (n) => ({
    subject: `Candidature d'administrateur (SIRET ${n.siret}) : aucune entreprise inscrite`,
    paragraphs: [
      `${candidacyAsked(n.siret)} Aucune entreprise inscrite sur le portail n'a d'établissement actif sous ce SIRET : votre candidature n'a pas été enregistrée.`,
      "Vérifiez le SIRET. Si votre entreprise n'est pas encore inscrite, inscrivez-la : vous en deviendrez le premier administrateur.",
    ],
    page: 'register',
  }),
  'ACCOUNT.IDENTITY_TAKEN': (n) => ({
    subject: `Candidature d'administrateur (SIRET ${n.siret}) : vous avez déjà un accès`,
    paragraphs: [
      `${candidacyAsked(n.siret)} Un accès au portail existe déjà avec cette identité (SIRET ${n.siret}, nom ${n.lastName}, prénom ${n.firstName}) : votre candidature n'a pas été enregistrée.`,
      "Si cet accès est le vôtre, connectez-vous avec cette identité et votre mot de passe ; s'il attend encore la confirmation de votre adresse e-mail, suivez le lien du courriel de confirmation. Si vous avez perdu votre mot de passe, adressez-vous à un administrateur de votre entreprise ou au support.",
    ],
    page: 'login',
  }),
};

/** The mail telling why a public form started nothing, to the address typed in it. */
export function publicFormNoticeMail(notice: PublicFormNotice, publicUrl: string): MailContent {
  const { subject, paragraphs, page } = NOTICES[notice.kind](notice, notice.siret.slice(0, 9));
  const { label, path } = PAGES[page];
  return composeMail(
    notice.to,
    subject,
    [
      `Bonjour ${notice.firstName} ${notice.lastName},`,
      ...paragraphs,
      "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : rien n'a été enregistré.",
    ],
    { label, url: `${publicUrl.replace(/\/$/, '')}${path}` },
  );
}
