import { HttpError, type AuthProvider } from 'react-admin';
import { apiUrl, httpClient } from './httpClient';
import type { ConsoleRole, Identity } from './types';

/** Login failures the form explains in the user's language. */
const loginErrorMessages: Record<string, string> = {
  'AUTH.INVALID_CREDENTIALS': 'app.auth.invalid_credentials',
  'AUTH.LOCKED': 'app.auth.locked',
};

/** The session's identity, kept in memory only; `undefined` means "ask the API". */
let identityRequest: Promise<Identity | null> | undefined;

const fetchIdentity = (): Promise<Identity | null> =>
  httpClient(`${apiUrl}/auth/me`).then(
    ({ json }) => json as Identity,
    (error: unknown) => {
      if (error instanceof HttpError && error.status === 401) return null;
      throw error;
    },
  );

/** One request for concurrent callers; a missing session is asked again next time. */
const currentIdentity = (): Promise<Identity | null> => {
  identityRequest ??= fetchIdentity().then(
    (identity) => {
      if (!identity) identityRequest = undefined;
      return identity;
    },
    (error: unknown) => {
      identityRequest = undefined;
      throw error;
    },
  );
  return identityRequest;
};

/** Asks the API again on the next need, e.g. once a candidate has become an administrator in this session. */
export const forgetIdentity = () => {
  identityRequest = undefined;
};

/** As the API acts: an administrator not validated yet (Candidat AD) sees only his candidacy. */
const consoleRole = (identity: Identity): ConsoleRole =>
  identity.role === 'ADMINISTRATOR' && identity.adminStatus !== 'ACTIVE' ? 'CANDIDATE' : identity.role;

export const authProvider: AuthProvider = {
  login: async ({ siret, lastName, firstName, password }) => {
    try {
      const { json } = await httpClient(`${apiUrl}/auth/login`, {
        method: 'POST',
        body: JSON.stringify({ siret, lastName, firstName, password }),
      });
      identityRequest = Promise.resolve(json as Identity);
    } catch (error) {
      if (error instanceof HttpError) {
        throw new Error(loginErrorMessages[error.body?.code] ?? error.message);
      }
      throw error;
    }
  },

  logout: async () => {
    identityRequest = undefined;
    await httpClient(`${apiUrl}/auth/logout`, { method: 'POST' }).catch(() => undefined);
  },

  checkAuth: async () => {
    if (!(await currentIdentity())) {
      // Straight to the login page, without an error toast on a first visit.
      throw { message: false };
    }
  },

  checkError: async (error: { status?: number }) => {
    if (error?.status === 401) {
      identityRequest = undefined;
      throw error;
    }
  },

  getIdentity: async () => {
    const identity = await currentIdentity();
    if (!identity) throw new Error('ra.auth.auth_check_error');
    return { ...identity, fullName: `${identity.firstName} ${identity.lastName.toUpperCase()}` };
  },

  /** Never rejects when logged out: public pages (`/register`, `/confirm`) must not log anyone out. */
  getPermissions: async (): Promise<ConsoleRole | null> => {
    const identity = await currentIdentity();
    return identity && consoleRole(identity);
  },
};
