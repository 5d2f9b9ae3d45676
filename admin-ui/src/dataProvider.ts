import type { DataProvider, Identifier } from 'react-admin';
import simpleRestProvider from 'ra-data-simple-rest';
import { apiUrl, httpClient } from './httpClient';
import type {
  Confirmation,
  ConfirmationInfo,
  Habilitation,
  HabilitationInput,
  PortfolioEstablishmentInput,
  PortfolioEstablishmentsAdded,
  RegistrationInput,
  ServiceAccess,
} from './types';

const send = (method: 'POST' | 'PUT' | 'DELETE', path: string, body?: object) =>
  httpClient(`${apiUrl}${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
  });

const post = (path: string, body?: object) => send('POST', path, body);

const get = (path: string) => httpClient(`${apiUrl}${path}`);

const segment = (value: Identifier) => encodeURIComponent(String(value));

const rest = simpleRestProvider(apiUrl, httpClient);

export const dataProvider = {
  ...rest,

  /** A process's earlier run when `meta.runId` names one (GET /api/workflows/:id?runId=); any other record as simple-rest reads it. */
  getOne: ((resource, params) =>
    resource === 'workflows' && params.meta?.runId
      ? get(`/workflows/${segment(params.id)}?runId=${encodeURIComponent(params.meta.runId)}`).then(({ json }) => ({ data: json }))
      : rest.getOne(resource, params)) as DataProvider['getOne'],

  registerCompany: (input: RegistrationInput): Promise<{ id: Identifier; workflowId: string }> =>
    post('/registrations', input).then(({ json }) => json),

  resendRegistrationLink: (id: Identifier): Promise<void> =>
    post(`/registrations/${segment(id)}/resend`).then(() => undefined),

  /** What a mailed link confirms, and whether the account still needs a password. */
  getConfirmation: (token: string): Promise<ConfirmationInfo> =>
    get(`/confirmations/${segment(token)}`).then(({ json }) => json),

  confirm: (token: string, password?: string): Promise<Confirmation> =>
    post('/confirmations', { token, password }).then(({ json }) => json),

  resendDeclarantLink: (id: Identifier): Promise<void> =>
    post(`/declarants/${segment(id)}/resend`).then(() => undefined),

  addPortfolioEstablishments: (
    portfolioId: Identifier,
    input: PortfolioEstablishmentInput,
  ): Promise<PortfolioEstablishmentsAdded> =>
    post(`/portfolios/${segment(portfolioId)}/establishments`, input).then(({ json }) => json),

  removePortfolioEstablishment: (portfolioId: Identifier, siret: string): Promise<void> =>
    send('DELETE', `/portfolios/${segment(portfolioId)}/establishments/${segment(siret)}`).then(() => undefined),

  addPortfolioService: (portfolioId: Identifier, serviceCode: string): Promise<void> =>
    post(`/portfolios/${segment(portfolioId)}/services`, { serviceCode }).then(() => undefined),

  removePortfolioService: (portfolioId: Identifier, serviceCode: string): Promise<void> =>
    send('DELETE', `/portfolios/${segment(portfolioId)}/services/${segment(serviceCode)}`).then(() => undefined),

  /** Grants, changes or (all rights false) revokes one habilitation; `null` once revoked. */
  setHabilitation: (input: HabilitationInput): Promise<Habilitation | null> =>
    send('PUT', '/habilitations', input).then(({ status, json }) => (status === 204 ? null : json)),

  getMyAccess: (): Promise<ServiceAccess[]> => get('/me/access').then(({ json }) => json),

  revokeApiKey: (id: Identifier): Promise<void> => send('DELETE', `/api-keys/${segment(id)}`).then(() => undefined),
};

export type BackOfficeDataProvider = typeof dataProvider;
