import { DomainError } from '../shared/domain-error';

export const invalidField = (field: string, message: string) => new DomainError('INVALID', 'VALIDATION.FAILED', message, { [field]: message });

export const arrivalNotFound = () => new DomainError('NOT_FOUND', 'RESOURCE.NOT_FOUND', 'Arrivée introuvable.');

export const departureNotFound = () => new DomainError('NOT_FOUND', 'RESOURCE.NOT_FOUND', 'Départ introuvable.');

export const accountNotFound = () => new DomainError('NOT_FOUND', 'RESOURCE.NOT_FOUND', 'Compte introuvable dans l’entreprise.');

export const arrivalIdentityTaken = (siret: string) =>
  new DomainError('CONFLICT', 'ACCOUNT.IDENTITY_TAKEN', `Une personne de même nom et prénom a déjà un accès sur le SIRET ${siret}.`, {
    lastName: 'Identité déjà utilisée sur cet établissement',
  });

/** A date today or past: the invitation leaves at once, its date no longer moves (the workflow's own ARRIVAL.ALREADY_STARTED). */
export const arrivalAlreadyStarted = () =>
  new DomainError('CONFLICT', 'ARRIVAL.ALREADY_STARTED', 'La date d’arrivée est atteinte : l’invitation est partie, la date ne peut plus changer.');

/** A date today or past: the departure applies at once, its date no longer moves (the workflow's own DEPARTURE.ALREADY_STARTED). */
export const departureAlreadyStarted = () =>
  new DomainError('CONFLICT', 'DEPARTURE.ALREADY_STARTED', 'La date de départ est atteinte : elle ne peut plus changer.');

export const departureAlreadyPlanned = () =>
  new DomainError('CONFLICT', 'DEPARTURE.ALREADY_PLANNED', 'Un départ est déjà prévu pour ce compte : modifiez-le ou annulez-le.');

export const lastAdministrator = () =>
  new DomainError(
    'CONFLICT',
    'DEPARTURE.LAST_ADMINISTRATOR',
    'C’est le dernier administrateur actif de l’entreprise : désignez un successeur (administrateur actif, ou candidat en cours de validation).',
    { successorAccountId: 'Successeur obligatoire' },
  );

export const companyNotFound = () => new DomainError('NOT_FOUND', 'RESOURCE.NOT_FOUND', 'Entreprise introuvable.');

export const establishmentNotFound = () => new DomainError('NOT_FOUND', 'RESOURCE.NOT_FOUND', 'Établissement introuvable.');

export const cleanupCountChanged = (expected: number, actual: number) =>
  new DomainError(
    'CONFLICT',
    'CLEANUP.COUNT_CHANGED',
    `La liste a changé depuis son affichage (${expected} droits affichés, ${actual} maintenant) : rien n’a été supprimé, vérifiez-la à nouveau.`,
  );
