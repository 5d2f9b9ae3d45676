import { DomainError } from '../shared/domain-error';

export const tokenInvalid = () =>
  new DomainError('INVALID', 'REGISTRATION.TOKEN_INVALID', 'Lien de confirmation inconnu : vérifiez que vous avez copié le lien en entier.');

export const tokenUsed = () =>
  new DomainError('GONE', 'REGISTRATION.TOKEN_USED', 'Ce lien a déjà servi : votre adresse est confirmée, connectez-vous.');

export const tokenSuperseded = () =>
  new DomainError('GONE', 'REGISTRATION.TOKEN_SUPERSEDED', 'Ce lien a été remplacé par un lien plus récent : utilisez le dernier e-mail reçu.');

export const tokenExpired = () =>
  new DomainError('GONE', 'REGISTRATION.TOKEN_EXPIRED', 'Ce lien a expiré : demandez un nouvel e-mail de confirmation.');
