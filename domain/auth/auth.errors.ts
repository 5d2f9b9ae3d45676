import { DomainError } from '../shared/domain-error';

export const invalidCredentials = () =>
  new DomainError('UNAUTHENTICATED', 'AUTH.INVALID_CREDENTIALS', 'Identifiant ou mot de passe incorrect.');

export const accountLocked = (until: Date) =>
  new DomainError(
    'LOCKED',
    'AUTH.LOCKED',
    `Trop d’échecs de connexion : compte bloqué jusqu’à ${until.toLocaleTimeString('fr-FR', { timeZone: 'Europe/Paris' })}. Un administrateur ou le support peut le débloquer.`,
  );

export const notAuthenticated = () =>
  new DomainError('UNAUTHENTICATED', 'AUTH.UNAUTHENTICATED', 'Connectez-vous pour continuer.');

export const forbidden = () => new DomainError('FORBIDDEN', 'AUTH.FORBIDDEN', 'Vous n’avez pas accès à cette fonction.');

export const accountInactive = (status: string) =>
  new DomainError(
    'FORBIDDEN',
    'AUTH.ACCOUNT_INACTIVE',
    status === 'PENDING'
      ? 'Compte pas encore actif : confirmez votre adresse e-mail avec le lien reçu.'
      : 'Ce compte n’est plus actif.',
  );
