import { DomainError } from '../shared/domain-error';

export const habilitationNotFound = () => new DomainError('NOT_FOUND', 'RESOURCE.NOT_FOUND', 'Habilitation introuvable.');

export const holderNotFound = () =>
  new DomainError('NOT_FOUND', 'RESOURCE.NOT_FOUND', 'Déclarant introuvable dans l’entreprise du portefeuille.');

export const siretNotInPortfolio = (siret: string) =>
  new DomainError('INVALID', 'HABILITATION.SIRET_NOT_IN_PORTFOLIO', `Le SIRET ${siret} n’est pas dans ce portefeuille.`, {
    siret: 'SIRET absent du portefeuille',
  });

export const serviceUnknown = (code: string) =>
  new DomainError('INVALID', 'HABILITATION.SERVICE_UNKNOWN', `Service déclaratif ${code} inconnu.`, { serviceCode: 'Service inconnu' });

export const serviceNotInPortfolio = (code: string) =>
  new DomainError('INVALID', 'HABILITATION.SERVICE_NOT_IN_PORTFOLIO', `Le service ${code} n’est pas dans ce portefeuille.`, {
    serviceCode: 'Service absent du portefeuille',
  });

export const grantedThroughAnotherPortfolio = () =>
  new DomainError(
    'CONFLICT',
    'HABILITATION.OTHER_PORTFOLIO',
    'Ce déclarant a déjà une habilitation sur ce SIRET et ce service, accordée par un autre portefeuille : modifiez-la depuis celui-ci.',
  );

export const concurrentChange = () =>
  new DomainError('CONFLICT', 'HABILITATION.CONCURRENT_CHANGE', 'Cette habilitation vient d’être modifiée par quelqu’un d’autre : réessayez.');
