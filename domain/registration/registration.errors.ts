import { DomainError } from '../shared/domain-error';

export const companyAlreadyRegistered = (siren: string) =>
  new DomainError('CONFLICT', 'REGISTRATION.COMPANY_EXISTS', `L’entreprise ${siren} est déjà inscrite : demandez à l’un de ses administrateurs de vous créer un accès.`, {
    siren: 'Entreprise déjà inscrite',
  });

export const registrationRunning = (siren: string) =>
  new DomainError('CONFLICT', 'REGISTRATION.ALREADY_RUNNING', `Une inscription de l’entreprise ${siren} attend déjà la confirmation de son adresse e-mail.`, {
    siren: 'Inscription déjà en cours',
  });

export const siretTaken = (siret: string) =>
  new DomainError('CONFLICT', 'REGISTRATION.SIRET_TAKEN', `L’établissement ${siret} appartient déjà à une entreprise inscrite.`, {
    siret: 'Établissement déjà inscrit',
  });

export const tokenInvalid = () =>
  new DomainError('INVALID', 'REGISTRATION.TOKEN_INVALID', 'Lien de confirmation inconnu : vérifiez que vous avez copié le lien en entier.');

export const tokenUsed = () =>
  new DomainError('GONE', 'REGISTRATION.TOKEN_USED', 'Ce lien a déjà servi : votre adresse est confirmée, connectez-vous.');

export const tokenSuperseded = () =>
  new DomainError('GONE', 'REGISTRATION.TOKEN_SUPERSEDED', 'Ce lien a été remplacé par un lien plus récent : utilisez le dernier e-mail reçu.');

export const tokenExpired = () =>
  new DomainError('GONE', 'REGISTRATION.TOKEN_EXPIRED', 'Ce lien a expiré : demandez un nouvel e-mail de confirmation.');
