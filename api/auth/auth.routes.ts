import type { Account } from '../../domain/account/account.entity';
import { closeSession, openSession } from '../../domain/auth/session.service';
import { newRouter, type ApiContext } from '../context';
import { publicRateLimiter } from '../http/rate-limit';
import { route } from '../http/route';
import { Identity, LoginBody } from './auth.schemas';
import { authOf, SESSION_COOKIE, SIGNED_IN } from './auth.middleware';

export function identityOf(account: Account) {
  return {
    id: account.id,
    siret: account.siret,
    lastName: account.lastName,
    firstName: account.firstName,
    email: account.email,
    role: account.role,
    adminStatus: account.adminStatus ?? null,
    companyId: account.company.id,
    companySiren: account.company.siren,
    companyName: account.company.legalName,
  };
}

export function authRoutes(ctx: ApiContext) {
  const { orm, config } = ctx;
  const api = newRouter(ctx);
  const cookie = {
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: config.secureCookies,
    path: '/',
  };
  const loginLimiter = publicRateLimiter(config);

  route(
    api,
    {
      method: 'post',
      path: '/api/auth/login',
      summary: 'Log in with the identity triplet (SIRET, last name, first name) and password',
      tags: ['auth'],
      public: true,
      guards: [loginLimiter],
      body: LoginBody,
      responses: {
        200: { description: 'Signed in; the session cookie is set', schema: Identity },
        401: { description: 'AUTH.INVALID_CREDENTIALS' },
        423: { description: 'AUTH.LOCKED' },
      },
    },
    async ({ body }, _req, res) => {
      const { token, account } = await openSession(orm.em.fork(), body, config.sessionTtlMs);
      res.cookie(SESSION_COOKIE, token, { ...cookie, maxAge: config.sessionTtlMs });
      res.json(identityOf(account));
    },
  );

  route(
    api,
    {
      method: 'get',
      path: '/api/auth/me',
      summary: 'The signed-in identity',
      tags: ['auth'],
      guards: [SIGNED_IN],
      responses: { 200: { description: 'Identity', schema: Identity }, 401: { description: 'AUTH.UNAUTHENTICATED' } },
    },
    (_input, req, res) => {
      res.json(identityOf(authOf(req).account));
    },
  );

  route(
    api,
    {
      method: 'post',
      path: '/api/auth/logout',
      summary: 'Close the session (the cookie stops working at once)',
      tags: ['auth'],
      public: true,
      responses: { 204: { description: 'Signed out' } },
    },
    async (_input, req, res) => {
      const token = req.cookies?.[SESSION_COOKIE];
      if (typeof token === 'string' && token) await closeSession(orm.em.fork(), token);
      res.clearCookie(SESSION_COOKIE, cookie);
      res.status(204).end();
    },
  );

  return api.router;
}
