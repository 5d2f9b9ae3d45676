import { DomainError } from '../shared/domain-error';

export const importNotCsv = () =>
  new DomainError('INVALID', 'DSN_IMPORT.NOT_CSV', 'Envoyez le fichier brut en corps de requête, avec l’en-tête Content-Type: text/csv.');

export const importEmpty = (columns: readonly string[]) =>
  new DomainError('INVALID', 'DSN_IMPORT.EMPTY', `Fichier vide : la première ligne doit nommer les colonnes ${columns.join(';')}.`);

export const importBadHeader = (reason: string, columns: readonly string[]) =>
  new DomainError('INVALID', 'DSN_IMPORT.BAD_HEADER', `En-tête invalide (${reason}) : la première ligne doit nommer les colonnes ${columns.join(';')}.`);
