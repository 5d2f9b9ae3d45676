import { postJson } from '../httpClient';

/** From an expired or replaced registration link (public): a new link goes to the registered address. */
export const resendRegistrationLinkByToken = (token: string) =>
  postJson<{ tokenExpiresAt: string }>('/registrations/resend', { token });
