import { DomainError } from '../shared/domain-error';

export const invalidField = (field: string, message: string) => new DomainError('INVALID', 'VALIDATION.FAILED', message, { [field]: message });

export const arrivalNotFound = () => new DomainError('NOT_FOUND', 'RESOURCE.NOT_FOUND', 'Arrivée introuvable.');

export const departureNotFound = () => new DomainError('NOT_FOUND', 'RESOURCE.NOT_FOUND', 'Départ introuvable.');

export const accountNotFound = () => new DomainError('NOT_FOUND', 'RESOURCE.NOT_FOUND', 'Compte introuvable dans l’entreprise.');

export const arrivalIdentityTaken = (siret: string) =>
  new DomainError('CONFLICT', 'ACCOUNT.IDENTITY_TAKEN', `Une personne de même nom et prénom a déjà un accès sur le SIRET ${siret}.`, {
    lastName: 'Identité déjà utilisée sur cet établissement',
  });

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
