import type { EntityManager } from '@mikro-orm/postgresql';
import { Account } from '../../domain/account/account.entity';
import type { Scope } from '../../domain/auth/scope';
import { accountSearch } from '../accounts/account-search';
import { allOf } from './executions';
import { visibilityQuery } from './visibility-query';
import type { WorkflowFilter } from './workflows.schemas';

/** People a name or an e-mail may designate at most (their accounts' processes are searched). */
const PEOPLE = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const WORKFLOW_ID = /^[\w.:@]+-[\w.:@-]+$/;
/** Nothing matches it: a search that designates nobody lists nothing, never everything. */
export const NOTHING = `WorkflowId = ''`;

/**
 * The visibility clause of the process search box: a SIREN or a SIRET
 * (spaces and dots allowed; a SIRET finds its company's processes), a
 * workflow id (and a person whose name or e-mail holds it), a run id or an
 * account id, or a person's name or e-mail —
 * resolved in PostgreSQL to his accounts, within the caller's scope, then
 * found by the SubjectAccount attribute. Values that reach the clause are
 * digits, ids of the shapes above, or uuids read from the database.
 */
export async function processSearchClause(em: EntityManager, q: string, scope: Scope): Promise<string> {
  const compact = q.replace(/[\s.]/g, '');
  if (/^\d{9}$|^\d{14}$/.test(compact)) return `CompanySiren = '${compact.slice(0, 9)}'`;
  if (UUID.test(q)) return `(RunId = '${q}' OR SubjectAccount = '${q}')`;
  const inScope = scope.kind === 'all' ? {} : { company: scope.companyId };
  const people = await em.find(Account, { $and: [inScope, accountSearch(q)] }, { fields: ['id'], limit: PEOPLE, orderBy: { id: 'ASC' } });
  const clauses = [
    ...(WORKFLOW_ID.test(q) ? [`WorkflowId = '${q}'`] : []),
    ...(people.length ? [`SubjectAccount IN (${people.map((p) => `'${p.id}'`).join(', ')})`] : []),
  ];
  return clauses.length ? `(${clauses.join(' OR ')})` : NOTHING;
}

/** The visibility query of a process list or batch filter, its search box included. */
export async function processQuery(
  em: EntityManager,
  { q, ...filter }: WorkflowFilter & { id?: string | string[] },
  now: Date,
  scope: Scope,
  scopeSiren: string | null,
): Promise<string> {
  return allOf(visibilityQuery(filter, now, scopeSiren), q ? await processSearchClause(em, q, scope) : '');
}
