import { fetchUtils, type Identifier, type Options } from 'react-admin';

export const apiUrl = '/api';

/** Every call carries the HttpOnly session cookie set by the API. */
export const httpClient = (url: string, options: Options = {}) =>
  fetchUtils.fetchJson(url, { ...options, credentials: 'include' });

/** One path segment of an API URL. */
export const segment = (value: Identifier) => encodeURIComponent(String(value));

/** GET an API path; resolves with the parsed answer. */
export const getJson = <T>(path: string): Promise<T> => httpClient(`${apiUrl}${path}`).then(({ json }) => json as T);

/** POST a JSON body (if any) to an API path; resolves with the parsed answer; the server's `message` on failure. */
export const postJson = <T>(path: string, body?: object): Promise<T> =>
  httpClient(`${apiUrl}${path}`, { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body) }).then(
    ({ json }) => json as T,
  );
