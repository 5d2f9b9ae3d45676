import type { MikroORM } from '@mikro-orm/postgresql';
import type { Request, RequestHandler } from 'express';
import { AccountRole } from '../../domain/account/account.entity';
import { forbidden } from '../../domain/auth/auth.errors';
import { companyOfApiKey } from '../../domain/access/api-key.lookup';
import { DomainError } from '../../domain/shared/domain-error';
import { authOf } from '../auth/auth.middleware';

/** Whom an access question comes from: a company (API key, administrator), or any (support: null). */
export interface DecisionCaller {
  companyId: string | null;
}

const CALLER = Symbol('decisionCaller');
type WithCaller = Request & { [CALLER]?: DecisionCaller };

const invalidApiKey = () => new DomainError('UNAUTHENTICATED', 'AUTH.INVALID_API_KEY', 'Clé d’API inconnue ou révoquée.');

/**
 * Guard of the decision routes: `Authorization: Bearer <API key>` (a
 * non-revoked key, scoped to its company), else a session of support or of
 * an administrator (scoped to his company); a declarant is refused.
 */
export function apiKeyOrManager(orm: MikroORM): RequestHandler {
  return async (req, _res, next) => {
    const header = req.headers.authorization;
    (req as WithCaller)[CALLER] = header === undefined ? sessionCaller(req) : { companyId: await companyOfKey(orm, header) };
    next();
  };
}

export function callerOf(req: Request): DecisionCaller {
  const caller = (req as WithCaller)[CALLER];
  if (!caller) throw new Error('apiKeyOrManager must guard this route');
  return caller;
}

function sessionCaller(req: Request): DecisionCaller {
  const { role, scope } = authOf(req);
  if (role !== AccountRole.SUPPORT && role !== AccountRole.ADMINISTRATOR) throw forbidden();
  return { companyId: scope.kind === 'all' ? null : scope.companyId };
}

async function companyOfKey(orm: MikroORM, header: string): Promise<string> {
  const key = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  const companyId = key ? await companyOfApiKey(orm.em.fork(), key) : null;
  if (!companyId) throw invalidApiKey();
  return companyId;
}
