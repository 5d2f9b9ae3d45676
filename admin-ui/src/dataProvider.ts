import type { Identifier } from 'react-admin';
import simpleRestProvider from 'ra-data-simple-rest';
import { apiUrl, httpClient } from './httpClient';
import type { RegistrationConfirmation, RegistrationInput } from './types';

const post = (path: string, body?: object) =>
  httpClient(`${apiUrl}${path}`, {
    method: 'POST',
    body: body === undefined ? undefined : JSON.stringify(body),
  });

export const dataProvider = {
  ...simpleRestProvider(apiUrl, httpClient),

  registerCompany: (input: RegistrationInput): Promise<{ id: Identifier; workflowId: string }> =>
    post('/registrations', input).then(({ json }) => json),

  confirmRegistration: (token: string): Promise<RegistrationConfirmation> =>
    post('/registrations/confirm', { token }).then(({ json }) => json),

  resendRegistrationLink: (id: Identifier): Promise<void> =>
    post(`/registrations/${encodeURIComponent(id)}/resend`).then(() => undefined),
};

export type BackOfficeDataProvider = typeof dataProvider;
