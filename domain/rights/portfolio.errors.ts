import { DomainError } from '../shared/domain-error';

export const portfolioNotFound = () => new DomainError('NOT_FOUND', 'RESOURCE.NOT_FOUND', 'Portefeuille introuvable.');

export const companyPortfolioKept = () =>
  new DomainError('CONFLICT', 'PORTFOLIO.COMPANY_PORTFOLIO', 'Le portefeuille entreprise ne peut pas être supprimé.');

export const companyRequired = () =>
  new DomainError('INVALID', 'VALIDATION.FAILED', 'Choisissez l’entreprise du portefeuille.', { companyId: 'Entreprise obligatoire' });

export const companyNotFound = () => new DomainError('NOT_FOUND', 'RESOURCE.NOT_FOUND', 'Entreprise introuvable.');

export const notOwnEstablishment = (field: 'siret' | 'siren', value: string, siren: string) =>
  new DomainError(
    'INVALID',
    'PORTFOLIO.NOT_OWN_ESTABLISHMENT',
    `Le portefeuille entreprise ne contient que les établissements de l’entreprise (SIREN ${siren}) : ajoutez ${value} à un portefeuille clients.`,
    { [field]: 'Établissement d’une autre entreprise' },
  );

export const sirenUnknown = (siren: string) =>
  new DomainError('INVALID', 'PORTFOLIO.SIREN_UNKNOWN', `Aucun établissement connu pour le SIREN ${siren} : ajoutez ses SIRET un par un.`, {
    siren: 'Aucun établissement connu',
  });

export const establishmentNotInPortfolio = (siret: string) =>
  new DomainError('NOT_FOUND', 'PORTFOLIO.ESTABLISHMENT_NOT_FOUND', `Le SIRET ${siret} n’est pas dans ce portefeuille.`);

export const serviceUnknown = (code: string) =>
  new DomainError('INVALID', 'PORTFOLIO.SERVICE_UNKNOWN', `Service déclaratif ${code} inconnu.`, { serviceCode: 'Service inconnu' });

export const serviceInheritedFromDsn = (code: string) =>
  new DomainError(
    'INVALID',
    'PORTFOLIO.SERVICE_DSN_INHERITED',
    `Le service ${code} suit la DSN : chacun agit sur les SIRET dont il a déposé la DSN, sans habilitation à gérer.`,
    { serviceCode: 'Service hérité de la DSN' },
  );

export const serviceNotInPortfolio = (code: string) =>
  new DomainError('NOT_FOUND', 'PORTFOLIO.SERVICE_NOT_FOUND', `Le service ${code} n’est pas dans ce portefeuille.`);
