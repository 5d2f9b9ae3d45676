import type { EntityManager } from '@mikro-orm/postgresql';
import { microBatch } from '../shared/micro-batch';
import type { DecisionCache } from './decision-cache';
import { decide, DEFAULT_DECISION_POLICY, type Decision, type DecisionPolicyOptions } from './decision.policy';
import {
  factsFor,
  loadPairFacts,
  OUT_OF_SCOPE,
  pairOf,
  type AccessQuestion,
  type PairFacts,
  type PairQuery,
} from './decision.read-model';

/** Where the facts of (account, SIRET) pairs come from; one database query per call by default. */
export type PairLoader = (pairs: PairQuery[]) => Promise<PairFacts[]>;

export interface DecisionOptions {
  now?: Date;
  policy?: DecisionPolicyOptions;
  /** The process's decision cache; without it every question reads the database. */
  cache?: DecisionCache;
  load?: PairLoader;
}

/** The most pairs one query carries. */
export const PAIRS_PER_QUERY = 1000;

/**
 * Answers access questions in order. Facts are read per (account, SIRET)
 * pair, for every service at once: from the cache where it vouches for
 * them, else from `load`, each pair once per call.
 */
export async function answerAccessQuestions(
  em: EntityManager,
  questions: AccessQuestion[],
  callerCompanyId: string | null,
  { now = new Date(), policy = DEFAULT_DECISION_POLICY, cache, load = (pairs) => loadPairFacts(em, pairs) }: DecisionOptions = {},
): Promise<Decision[]> {
  const scope = { companyId: callerCompanyId, today: now.toISOString().slice(0, 10) };
  const pairs = await pairFacts(
    questions.map((q) => pairOf(q, scope)),
    load,
    cache,
  );
  return questions.map((question, i) => decide(factsFor(pairs[i], question.service), question, now, policy));
}

/** A loader for a whole process: the pairs of concurrent calls that the cache could not answer share one query. */
export function sharedPairLoader(newEm: () => EntityManager): PairLoader {
  const one = microBatch((pairs: PairQuery[]) => loadPairFacts(newEm(), pairs), PAIRS_PER_QUERY);
  return (pairs) => Promise.all(pairs.map(one));
}

const pairKey = (p: PairQuery) => [p.accountId, p.siret, p.scope.today, ...p.employeeIds].join('\u001f');

async function pairFacts(queries: PairQuery[], load: PairLoader, cache?: DecisionCache): Promise<PairFacts[]> {
  const stamp = cache?.stamp() ?? null;
  const keys = queries.map(pairKey);
  const found = new Map<string, PairFacts>();
  const missing = new Map<string, PairQuery>();
  keys.forEach((key, i) => {
    if (found.has(key) || missing.has(key)) return;
    const hit = cache?.lookupPair(key);
    const caller = queries[i].scope.companyId;
    if (!hit) missing.set(key, queries[i]);
    else found.set(key, caller === null || hit.companyId === caller ? hit : OUT_OF_SCOPE);
  });
  if (missing.size) {
    const loaded = await load([...missing.values()]);
    [...missing.keys()].forEach((key, j) => {
      const facts = loaded[j];
      found.set(key, facts);
      if (facts.companyId !== null) cache?.storePair(stamp, key, { ...facts, companyId: facts.companyId });
    });
  }
  return keys.map((key) => found.get(key)!);
}
