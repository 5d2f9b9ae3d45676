import type { MikroORM } from '@mikro-orm/postgresql';
import type { Request, RequestHandler } from 'express';
import { AccountRole, type Account } from '../../domain/account/account.entity';
import { forbidden, notAuthenticated } from '../../domain/auth/auth.errors';
import { actingRole, scopeOf, type ActingRole, type Scope } from '../../domain/auth/scope';
import { resumeSession } from '../../domain/auth/session.service';

export const SESSION_COOKIE = 'bo_session';

export interface AuthContext {
  account: Account;
  /** The role the person acts with: an administrator not validated yet is a CANDIDATE. */
  role: ActingRole;
  scope: Scope;
}

const AUTH = Symbol('auth');
type WithAuth = Request & { [AUTH]?: AuthContext };

/** Loads the session behind the cookie, if any, and the caller's scope. */
export function authenticate(orm: MikroORM): RequestHandler {
  return async (req, _res, next) => {
    const token = req.cookies?.[SESSION_COOKIE];
    if (typeof token === 'string' && token) {
      const account = await resumeSession(orm.em.fork(), token);
      if (account) {
        const identity = { id: account.id, role: account.role, adminStatus: account.adminStatus, companyId: account.company.id };
        (req as WithAuth)[AUTH] = { account, role: actingRole(identity), scope: scopeOf(identity) };
      }
    }
    next();
  };
}

export function authOf(req: Request): AuthContext {
  const auth = (req as WithAuth)[AUTH];
  if (!auth) throw notAuthenticated();
  return auth;
}

/** Guard: signed in, acting with one of these roles (all roles when none given). */
export function requireRole(...roles: ActingRole[]): RequestHandler {
  return (req, _res, next) => {
    const auth = authOf(req);
    if (roles.length && !roles.includes(auth.role)) throw forbidden();
    next();
  };
}

export const SUPPORT_ONLY = requireRole(AccountRole.SUPPORT);
export const MANAGERS = requireRole(AccountRole.SUPPORT, AccountRole.ADMINISTRATOR);
export const SIGNED_IN = requireRole();
export const CANDIDATE_ONLY = requireRole('CANDIDATE');
