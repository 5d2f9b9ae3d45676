import type { EntityManager } from '@mikro-orm/postgresql';
import { microBatch } from '../shared/micro-batch';
import { companyFacts, loadCatalogue, loadCompanyRights, loadEmployed, type Catalogue, type CompanyRights } from './company-rights.read-model';
import type { CacheStamp, DecisionCache } from './decision-cache';
import { decide, DEFAULT_DECISION_POLICY, type Decision, type DecisionFacts, type DecisionPolicyOptions } from './decision.policy';
import {
  factsFor,
  loadPairFacts,
  OUT_OF_SCOPE,
  pairOf,
  type AccessQuestion,
  type DecisionScope,
  type PairFacts,
  type PairQuery,
} from './decision.read-model';

/** Where the facts of (account, SIRET) pairs come from. */
export type PairLoader = (pairs: PairQuery[]) => Promise<PairFacts[]>;

/** How a process with a decision cache reads the database when the cache cannot answer. */
export interface DecisionLoaders {
  pairs: PairLoader;
  /** The rights of the company of this account (null: no such account). */
  company: (accountId: string) => Promise<CompanyRights | null>;
  catalogue: () => Promise<Catalogue>;
  /** Of these employees, those employed at the SIRET on the day. */
  employed: (siret: string, employeeIds: string[], day: string) => Promise<Set<string>>;
}

export interface DecisionOptions {
  now?: Date;
  policy?: DecisionPolicyOptions;
  /** The process's decision cache and its loaders; without them every call reads the database. */
  cached?: { cache: DecisionCache; loaders: DecisionLoaders };
}

/** The most pairs one query carries. */
export const PAIRS_PER_QUERY = 1000;

/**
 * Answers access questions in order. Without a cache, the facts are read
 * per (account, SIRET) pair, each pair once per call, in one query. With
 * one, they come from the rights of the account's whole company, held in
 * memory (one query the first time a company is asked about), and from
 * who works where (one query per SIRET for the employees not yet known).
 */
export async function answerAccessQuestions(
  em: EntityManager,
  questions: AccessQuestion[],
  callerCompanyId: string | null,
  { now = new Date(), policy = DEFAULT_DECISION_POLICY, cached }: DecisionOptions = {},
): Promise<Decision[]> {
  const scope = { companyId: callerCompanyId, today: now.toISOString().slice(0, 10) };
  const facts = cached
    ? await cachedFacts(questions, scope, cached.cache, cached.loaders)
    : await pairFacts(
        questions.map((q) => pairOf(q, scope)),
        (pairs) => loadPairFacts(em, pairs),
      ).then((pairs) => pairs.map((pair, i) => factsFor(pair, questions[i].service)));
  return questions.map((question, i) => decide(facts[i], question, now, policy));
}

/**
 * Loaders for a whole process: the pairs of concurrent calls share one
 * query, and concurrent calls about one company share its load.
 */
export function sharedLoaders(newEm: () => EntityManager): DecisionLoaders {
  const pair = microBatch((pairs: PairQuery[]) => loadPairFacts(newEm(), pairs), PAIRS_PER_QUERY);
  return {
    pairs: (pairs) => Promise.all(pairs.map(pair)),
    company: sharedWhileLoading((accountId) => loadCompanyRights(newEm(), accountId)),
    catalogue: sharedWhileLoading(() => loadCatalogue(newEm())),
    employed: (siret, employeeIds, day) => loadEmployed(newEm(), siret, employeeIds, day),
  };
}

/** While a load for `key` is in flight, callers with the same key share it. */
function sharedWhileLoading<A extends unknown[], R>(load: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  const inFlight = new Map<string, Promise<R>>();
  return (...args) => {
    const key = args.join('\u001f');
    let running = inFlight.get(key);
    if (!running) {
      running = load(...args).finally(() => inFlight.delete(key));
      inFlight.set(key, running);
    }
    return running;
  };
}

async function cachedFacts(questions: AccessQuestion[], scope: DecisionScope, cache: DecisionCache, loaders: DecisionLoaders): Promise<DecisionFacts[]> {
  const stamp = cache.stamp();
  let catalogue = cache.lookupCatalogue();
  if (!catalogue) {
    catalogue = await loaders.catalogue();
    cache.storeCatalogue(stamp, catalogue);
  }
  const companies = new Map<string, CompanyRights | null>();
  const missing = new Set<string>();
  for (const { accountId } of questions) {
    if (companies.has(accountId) || missing.has(accountId)) continue;
    const rights = cache.lookupCompanyOf(accountId);
    if (rights) companies.set(accountId, rights);
    else missing.add(accountId);
  }
  await Promise.all(
    [...missing].map(async (accountId) => {
      const rights = await loaders.company(accountId);
      if (rights) cache.storeCompany(stamp, rights);
      companies.set(accountId, rights);
    }),
  );
  const employed = questions.some((q) => q.employeeIds?.length) ? await employment(questions, scope.today, stamp, cache, loaders) : NOBODY;
  const facts = new Array<DecisionFacts>(questions.length);
  questions.forEach((q, i) => {
    const rights = companies.get(q.accountId);
    const visible = rights && (scope.companyId === null || rights.companyId === scope.companyId);
    facts[i] = visible ? companyFacts(rights, catalogue, q, (id) => employed.get(employmentKey(q.siret, id, scope.today)) === true) : OUT_OF_SCOPE.unknownService;
  });
  return facts;
}

const NOBODY = new Map<string, boolean>();

const employmentKey = (siret: string, employeeId: string, day: string) => `${siret}\u001f${employeeId}\u001f${day}`;

/** Whether each employee asked about works at the SIRET asked about, on the day: from the cache, else one query per SIRET. */
async function employment(questions: AccessQuestion[], day: string, stamp: CacheStamp | null, cache: DecisionCache, loaders: DecisionLoaders): Promise<Map<string, boolean>> {
  const known = new Map<string, boolean>();
  const missing = new Map<string, Set<string>>();
  for (const q of questions) {
    for (const id of q.employeeIds ?? []) {
      const key = employmentKey(q.siret, id, day);
      if (known.has(key)) continue;
      const hit = cache.lookupEmployment(key);
      if (hit !== undefined) known.set(key, hit);
      else {
        let ids = missing.get(q.siret);
        if (!ids) missing.set(q.siret, (ids = new Set()));
        ids.add(id);
      }
    }
  }
  await Promise.all(
    [...missing].map(async ([siret, ids]) => {
      const employed = await loaders.employed(siret, [...ids], day);
      for (const id of ids) {
        const key = employmentKey(siret, id, day);
        known.set(key, employed.has(id));
        cache.storeEmployment(stamp, key, employed.has(id));
      }
    }),
  );
  return known;
}

const pairKey = (p: PairQuery) => [p.accountId, p.siret, p.scope.today, ...p.employeeIds].join('\u001f');

/** The facts of each pair, each pair read once. */
async function pairFacts(queries: PairQuery[], load: PairLoader): Promise<PairFacts[]> {
  const keys = queries.map(pairKey);
  const unique = new Map<string, PairQuery>();
  keys.forEach((key, i) => unique.set(key, unique.get(key) ?? queries[i]));
  const loaded = await load([...unique.values()]);
  const byKey = new Map([...unique.keys()].map((key, j) => [key, loaded[j]]));
  return keys.map((key) => byKey.get(key)!);
}
