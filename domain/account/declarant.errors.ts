import { DomainError } from '../shared/domain-error';

export const identityTaken = (siret: string) =>
  new DomainError('CONFLICT', 'DECLARANT.IDENTITY_TAKEN', `Une personne de même nom et prénom a déjà un accès sur le SIRET ${siret}.`, {
    lastName: 'Identité déjà utilisée sur cet établissement',
  });

export const establishmentNotOwn = (siret: string) =>
  new DomainError('INVALID', 'DECLARANT.ESTABLISHMENT_UNKNOWN', `Le SIRET ${siret} n’est pas un établissement de l’entreprise.`, {
    siret: 'Choisissez un établissement de l’entreprise',
  });

export const declarantNotFound = () => new DomainError('NOT_FOUND', 'RESOURCE.NOT_FOUND', 'Déclarant introuvable.');

export const addressAlreadyConfirmed = () =>
  new DomainError('CONFLICT', 'DECLARANT.ALREADY_CONFIRMED', 'Cette adresse e-mail est déjà confirmée : aucun lien à renvoyer.');

export const arrivalOwnsAddress = () =>
  new DomainError(
    'CONFLICT',
    'DECLARANT.ARRIVAL_PENDING',
    'Ce compte attend son arrivée : l’invitation part à la date d’arrivée ; modifiez ou annulez l’arrivée depuis sa page.',
  );

export const candidacyOwnsAddress = () =>
  new DomainError('CONFLICT', 'DECLARANT.CANDIDACY_PENDING', 'Ce compte attend la confirmation de sa candidature : renvoyez le lien depuis la candidature.');

export const registrationOwnsAddress = () =>
  new DomainError(
    'CONFLICT',
    'DECLARANT.REGISTRATION_PENDING',
    'Ce compte attend la confirmation de l’inscription de son entreprise : renvoyez le lien depuis l’inscription.',
  );

export const passwordInvalid = (message: string) =>
  new DomainError('INVALID', 'VALIDATION.FAILED', message, { password: message });
