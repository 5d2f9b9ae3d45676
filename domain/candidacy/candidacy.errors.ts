import { DomainError } from '../shared/domain-error';
import type { CandidacyStatus } from './candidacy.status';

export const candidacyNotFound = () => new DomainError('NOT_FOUND', 'CANDIDACY.NOT_FOUND', 'Candidature introuvable.');

export const letterNotFound = () => new DomainError('NOT_FOUND', 'CANDIDACY.LETTER_NOT_FOUND', 'Courrier introuvable.');

export const letterGone = () =>
  new DomainError('GONE', 'CANDIDACY.LETTER_GONE', 'Ce courrier ne peut plus être imprimé (posté, annulé ou effacé) : émettez-en un nouveau au besoin.');

export const keyMalformed = () =>
  new DomainError('INVALID', 'VALIDATION.FAILED', 'La clé d’activation compte 16 caractères (lettres et chiffres).', {
    key: 'Clé d’activation mal formée',
  });

export const letterHeld = () =>
  new DomainError(
    'CONFLICT',
    'CANDIDACY.LETTER_NO_ADDRESS',
    'Courrier retenu : l’entreprise n’a pas d’adresse de siège. Faites-la compléter, puis émettez un nouveau courrier.',
  );

/** A closed candidacy refuses every action, with the code of why it is closed. */
export function candidacyClosed(status: CandidacyStatus): DomainError {
  if (status === 'LOCKED') return new DomainError('CONFLICT', 'CANDIDACY.LOCKED', 'Candidature verrouillée après trop de clés erronées.');
  if (status === 'APPROVED' || status === 'REFUSED') {
    return new DomainError('CONFLICT', 'CANDIDACY.ALREADY_DECIDED', 'Cette candidature a déjà reçu une réponse.');
  }
  return new DomainError('CONFLICT', 'CANDIDACY.CLOSED', 'Cette candidature est close.');
}

export const candidacyNotLocked = () =>
  new DomainError('CONFLICT', 'CANDIDACY.NOT_LOCKED', 'Cette candidature n’est pas verrouillée : il n’y a rien à déverrouiller.');
