import type { Request, RequestHandler } from 'express';
import { AccountRole } from '../../domain/account/account.entity';
import { forbidden } from '../../domain/auth/auth.errors';
import { callerOfApiKey, recordKeyUse } from '../../domain/access/api-key.lookup';
import { microBatch } from '../../domain/shared/micro-batch';
import { DomainError } from '../../domain/shared/domain-error';
import { authOf } from '../auth/auth.middleware';
import type { ApiContext } from '../context';

/** Whom an access question comes from: a company (API key, administrator), or any (support: null). */
export interface DecisionCaller {
  companyId: string | null;
}

const CALLER = Symbol('decisionCaller');
type WithCaller = Request & { [CALLER]?: DecisionCaller };

const invalidApiKey = () => new DomainError('UNAUTHENTICATED', 'AUTH.INVALID_API_KEY', 'Clé d’API inconnue ou révoquée.');

/**
 * Guard: `Authorization: Bearer <API key>`, a non-revoked key, scoped to its
 * company. A key's use is recorded at most once a minute, the uses of
 * concurrent requests in one statement, off the answer's path: a decision
 * never waits for that commit (a failed write is logged, and tried again a minute later).
 */
export function apiKeyCaller(ctx: ApiContext): RequestHandler {
  const recordUse = microBatch((ids: string[]) => recordKeyUse(ctx.orm.em.fork(), ids).then(() => ids), 1000);
  return async (req, _res, next) => {
    const key = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const caller = key ? await callerOfApiKey(ctx.orm.em, key, new Date(), ctx.accessCache?.cache) : null;
    if (!caller) throw invalidApiKey();
    if (caller.staleKeyId) recordUse(caller.staleKeyId).catch((err: unknown) => ctx.logger.warn({ err }, 'API key use not recorded'));
    (req as WithCaller)[CALLER] = { companyId: caller.companyId };
    next();
  };
}

/** Guard: a session of support (any company) or of an active administrator (his company); declarants and candidates are refused. */
export const managerCaller: RequestHandler = (req, _res, next) => {
  const { role, scope } = authOf(req);
  if (role !== AccountRole.SUPPORT && role !== AccountRole.ADMINISTRATOR) throw forbidden();
  (req as WithCaller)[CALLER] = { companyId: scope.kind === 'all' ? null : scope.companyId };
  next();
};

export function callerOf(req: Request): DecisionCaller {
  const caller = (req as WithCaller)[CALLER];
  if (!caller) throw new Error('apiKeyCaller or managerCaller must guard this route');
  return caller;
}
