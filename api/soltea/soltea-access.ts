import type { EntityManager } from '@mikro-orm/postgresql';
import { DEFAULT_DECISION_POLICY, lookBackStart } from '../../domain/access/decision.policy';
import { SolteaApplication } from '../../domain/soltea/soltea.entities';
import {
  allowedPairs,
  companyIdOf,
  decided,
  isAdministrator,
  isSupport,
  mayActForOwnEstablishment,
  ownEstablishment,
  ownSirets,
  type SiretScope,
} from '../access/service-access';
import type { AuthContext } from '../auth/auth.middleware';
import type { ApiContext } from '../context';
import { applicationNotFound } from './soltea.errors';

/** The two SOLTéA services of the catalogue (Migration20261126100000_rights). */
export const SOLTEA_EMPL = 'SOLTEA_EMPL';
export const SOLTEA_ETAB = 'SOLTEA_ETAB';

/**
 * May the caller act for this employer SIRET on SOLTéA Employeurs? The
 * access decision for SOLTEA_EMPL (a habilitated declarant, or any account
 * of a firm that filed the SIRET's DSN within the look-back: the implicit
 * mandate), or an administrator of the company whose establishment it is.
 * Support reads every employer (`write` false) and changes none.
 */
export async function mayActForEmployer(ctx: ApiContext, em: EntityManager, auth: AuthContext, siret: string, write: boolean): Promise<boolean> {
  if (isSupport(auth)) return !write;
  if (isAdministrator(auth) && (await ownEstablishment(em, auth, siret))) return true;
  return decided(ctx, em, auth, siret, SOLTEA_EMPL, write ? 'DECLARE' : undefined);
}

/** The employer SIRETs the caller may see on SOLTéA Employeurs: what mayActForEmployer lets him read, listed. */
export async function employerScope(ctx: ApiContext, em: EntityManager, auth: AuthContext): Promise<SiretScope> {
  return (await solteaScopes(ctx, em, auth)).employers;
}

/**
 * May the caller act for this establishment on SOLTéA Établissements? It
 * must be one of his company's establishments and he must be habilitated
 * on SOLTEA_ETAB for it (with the right to declare when he writes).
 */
export const mayActForEstablishment = (ctx: ApiContext, em: EntityManager, auth: AuthContext, siret: string, write: boolean): Promise<boolean> =>
  mayActForOwnEstablishment(ctx, em, auth, siret, SOLTEA_ETAB, write);

/** The application if the caller may see it (write: change it), else 404 SOLTEA.APPLICATION_NOT_FOUND. */
export async function visibleApplication(ctx: ApiContext, em: EntityManager, auth: AuthContext, id: string, write: boolean): Promise<SolteaApplication> {
  const application = await em.findOne(SolteaApplication, id);
  if (!application || !(await mayActForEstablishment(ctx, em, auth, application.siret, write))) throw applicationNotFound();
  return application;
}

/** The establishment SIRETs the caller may see on SOLTéA Établissements: his company's for an administrator, those he is habilitated on otherwise. */
export async function establishmentScope(ctx: ApiContext, em: EntityManager, auth: AuthContext): Promise<SiretScope> {
  return (await solteaScopes(ctx, em, auth)).establishments;
}

/**
 * The SIRETs the caller might act for on each SOLTéA service: his
 * habilitations on it, and for SOLTéA Employeurs the SIRETs whose DSN he or
 * his company filed within the look-back (the implicit mandate). Each one
 * then goes through the access decision.
 */
const CANDIDATES_SQL = `
select h.siret, h.service_code as service from habilitation h where h.account_id = ? and h.service_code in (?::text, ?::text)
union
select f.declared_siret, ?::text from dsn_filing f where f.period >= ?::date and f.declaring_account_id = ?
union
select f.declared_siret, ?::text from dsn_filing f join establishment e on e.siret = f.declaring_siret where f.period >= ?::date and e.company_id = ?`;

/**
 * Both scopes at once, for the lists (balances, applications, transfers):
 * the candidates of one query, answered by the access decision (through
 * the process's decision cache, as single decisions are); an
 * administrator also sees his company's own establishments on both sides.
 */
export async function solteaScopes(ctx: ApiContext, em: EntityManager, auth: AuthContext, now = new Date()): Promise<{ employers: SiretScope; establishments: SiretScope }> {
  if (isSupport(auth)) return { employers: { all: true }, establishments: { all: true } };
  const companyId = companyIdOf(auth);
  const since = lookBackStart(now, DEFAULT_DECISION_POLICY.lookBackMonths);
  const rows = await em
    .getConnection()
    .execute<{ siret: string; service: string }[]>(CANDIDATES_SQL, [auth.account.id, SOLTEA_EMPL, SOLTEA_ETAB, SOLTEA_EMPL, since, auth.account.id, SOLTEA_EMPL, since, companyId]);
  const allowed = await allowedPairs(ctx, em, auth, rows, now);
  const employers = allowed.get(SOLTEA_EMPL) ?? new Set<string>();
  const establishments = allowed.get(SOLTEA_ETAB) ?? new Set<string>();
  const own = await ownSirets(em, auth);
  const admin = isAdministrator(auth);
  return {
    employers: { all: false, sirets: [...new Set([...(admin ? own : []), ...employers])] },
    establishments: { all: false, sirets: admin ? own : own.filter((s) => establishments.has(s)) },
  };
}
