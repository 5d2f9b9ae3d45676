import { fetchUtils, type Options } from 'react-admin';

export const apiUrl = '/api';

/** Every call carries the HttpOnly session cookie set by the API. */
export const httpClient = (url: string, options: Options = {}) =>
  fetchUtils.fetchJson(url, { ...options, credentials: 'include' });
