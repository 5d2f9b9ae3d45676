import type { EntityManager } from '@mikro-orm/postgresql';
import { Habilitation } from '../../domain/rights/habilitation.entity';
import { allowedPairs, decided, isAdministrator, isSupport, mayActForOwnEstablishment, ownEstablishment, ownSirets, type SiretScope } from '../access/service-access';
import type { AuthContext } from '../auth/auth.middleware';
import type { ApiContext } from '../context';

/** The service of the catalogue (Migration20261126100000_rights). */
export const PREVENTION_PASSPORT = 'PREVENTION_PASSPORT';

/** May the caller declare for this establishment of his company (training body or employer)? */
export const mayDeclareFor = (ctx: ApiContext, em: EntityManager, auth: AuthContext, siret: string): Promise<boolean> =>
  mayActForOwnEstablishment(ctx, em, auth, siret, PREVENTION_PASSPORT, true);

/** May the caller verify, as the employer, the lines of learners employed at this SIRET? An administrator for his company's; otherwise the access decision with the right to declare. */
export async function mayVerifyFor(ctx: ApiContext, em: EntityManager, auth: AuthContext, siret: string): Promise<boolean> {
  if (isSupport(auth)) return false;
  if (isAdministrator(auth) && (await ownEstablishment(em, auth, siret))) return true;
  return decided(ctx, em, auth, siret, PREVENTION_PASSPORT, 'DECLARE');
}

/**
 * The SIRETs the caller acts for on the passport — as the declarer of a
 * declaration or as a learner's employer: every one for support (who reads
 * NIRs masked), his company's for an administrator, and those his
 * habilitations on PREVENTION_PASSPORT open (access decision).
 */
export async function preventionScope(ctx: ApiContext, em: EntityManager, auth: AuthContext, now = new Date()): Promise<SiretScope> {
  if (isSupport(auth)) return { all: true };
  const habilitations = await em.find(Habilitation, { account: auth.account.id, service: PREVENTION_PASSPORT }, { fields: ['siret'] });
  const allowed = await allowedPairs(ctx, em, auth, habilitations.map((h) => ({ siret: h.siret, service: PREVENTION_PASSPORT })), now);
  const own = isAdministrator(auth) ? await ownSirets(em, auth) : [];
  return { all: false, sirets: [...new Set([...own, ...(allowed.get(PREVENTION_PASSPORT) ?? [])])] };
}

/** Whether a SIRET is in the scope. */
export const inScopeOf = (scope: SiretScope, siret: string) => scope.all || scope.sirets.includes(siret);
