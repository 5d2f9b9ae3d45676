import type { EntityManager } from '@mikro-orm/postgresql';
import { answerAccessQuestions } from '../../domain/access/decision.service';
import type { Right } from '../../domain/access/decision.policy';
import { AccountRole } from '../../domain/account/account.entity';
import { Establishment } from '../../domain/company/establishment.entity';
import type { AuthContext } from '../auth/auth.middleware';
import type { ApiContext } from '../context';

/**
 * What a service's pages ask of the access decision for the signed-in
 * person (SOLTéA, the prevention passport): whether he may act for a SIRET
 * on a service, which SIRETs his company owns, and the SIRET scope of a
 * list. Decisions go through the process's decision cache.
 */

/** Every SIRET (support), or these. */
export type SiretScope = { all: true } | { all: false; sirets: string[] };

export const isSupport = (auth: AuthContext) => auth.role === AccountRole.SUPPORT;
export const isAdministrator = (auth: AuthContext) => auth.role === AccountRole.ADMINISTRATOR;
export const companyIdOf = (auth: AuthContext) => auth.account.company.id;

/** The access decision for one SIRET and service (with a right when he writes). */
export async function decided(ctx: ApiContext, em: EntityManager, auth: AuthContext, siret: string, service: string, right?: Right): Promise<boolean> {
  const [decision] = await answerAccessQuestions(em, [{ accountId: auth.account.id, siret, service, ...(right ? { right } : {}) }], companyIdOf(auth), {
    cached: ctx.accessCache && { cache: ctx.accessCache.cache, loaders: ctx.decisionLoaders },
  });
  return decision.allowed;
}

const QUESTIONS_PER_CALL = 1000;

/** Of the candidate (SIRET, service) pairs, those the access decision allows, per service. */
export async function allowedPairs(ctx: ApiContext, em: EntityManager, auth: AuthContext, pairs: { siret: string; service: string }[], now: Date): Promise<Map<string, Set<string>>> {
  const allowed = new Map<string, Set<string>>();
  const questions = pairs.map((p) => ({ accountId: auth.account.id, siret: p.siret, service: p.service }));
  for (let start = 0; start < questions.length; start += QUESTIONS_PER_CALL) {
    const chunk = questions.slice(start, start + QUESTIONS_PER_CALL);
    const decisions = await answerAccessQuestions(em, chunk, companyIdOf(auth), {
      now,
      cached: ctx.accessCache && { cache: ctx.accessCache.cache, loaders: ctx.decisionLoaders },
    });
    chunk.forEach((q, i) => decisions[i].allowed && (allowed.get(q.service) ?? allowed.set(q.service, new Set()).get(q.service)!).add(q.siret));
  }
  return allowed;
}

export async function ownEstablishment(em: EntityManager, auth: AuthContext, siret: string): Promise<boolean> {
  return (await em.count(Establishment, { siret, company: companyIdOf(auth) })) > 0;
}

export async function ownSirets(em: EntityManager, auth: AuthContext): Promise<string[]> {
  const rows = await em.find(Establishment, { company: companyIdOf(auth) }, { fields: ['siret'], orderBy: { siret: 'ASC' } });
  return rows.map((e) => e.siret);
}

/**
 * May the caller act for one of his company's establishments on this
 * service? Support reads (never writes); an administrator reads his
 * company's; otherwise the access decision, with the right to declare
 * when he writes.
 */
export async function mayActForOwnEstablishment(ctx: ApiContext, em: EntityManager, auth: AuthContext, siret: string, service: string, write: boolean): Promise<boolean> {
  if (isSupport(auth)) return !write;
  if (!(await ownEstablishment(em, auth, siret))) return false;
  if (!write && isAdministrator(auth)) return true;
  return decided(ctx, em, auth, siret, service, write ? 'DECLARE' : undefined);
}

/** A MikroORM condition: this SIRET field within the scope. */
export const inScope = <F extends string>(field: F, scope: SiretScope): Partial<Record<F, { $in: string[] }>> =>
  scope.all ? {} : ({ [field]: { $in: scope.sirets } } as Record<F, { $in: string[] }>);
