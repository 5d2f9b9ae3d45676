import type { EntityManager } from '@mikro-orm/postgresql';
import { DeclarativeService, type AccessMode } from '../rights/declarative-service.entity';
import { DEFAULT_DECISION_POLICY, lookBackStart, type DecisionBasis, type DecisionPolicyOptions } from './decision.policy';
import { answerAccessQuestions } from './decision.service';

export interface ServiceAccess {
  serviceCode: string;
  label: string;
  accessMode: AccessMode;
  sirets: Array<{ siret: string; basis: DecisionBasis }>;
}

/**
 * (SIRET, service) pairs an account might act on: its habilitations, and the
 * SIRETs filed in DSN by itself or its company inside the look-back window
 * for the services that DSN filings open.
 */
const CANDIDATES_SQL = `
select siret, service_code from habilitation where account_id = ?
union
select f.declared_siret, s.code
from dsn_filing f
join declarative_service s on s.access_mode in ('DSN_INHERITED', 'PAYROLL_LINKED')
where f.period >= ?::date and f.declaring_account_id = ?
union
select f.declared_siret, s.code
from dsn_filing f
join establishment e on e.siret = f.declaring_siret
join declarative_service s on s.access_mode = 'PAYROLL_LINKED'
where f.period >= ?::date and e.company_id = ?`;

const CHUNK = 1000;

/** What an account may do, per service, and why: every candidate goes through the decision policy. */
export async function effectiveAccess(
  em: EntityManager,
  account: { id: string; companyId: string },
  now = new Date(),
  policy: DecisionPolicyOptions = DEFAULT_DECISION_POLICY,
): Promise<ServiceAccess[]> {
  const since = lookBackStart(now, policy.lookBackMonths);
  const { rows } = await em
    .getKnex()
    .raw<{ rows: Array<{ siret: string; service_code: string }> }>(CANDIDATES_SQL, [account.id, since, account.id, since, account.companyId]);
  const questions = rows.map((r) => ({ accountId: account.id, siret: r.siret, service: r.service_code }));
  const byService = new Map<string, ServiceAccess['sirets']>();
  for (let start = 0; start < questions.length; start += CHUNK) {
    const chunk = questions.slice(start, start + CHUNK);
    const decisions = await answerAccessQuestions(em, chunk, account.companyId, { now, policy });
    chunk.forEach((q, i) => {
      const { basis } = decisions[i];
      if (!basis) return;
      const sirets = byService.get(q.service) ?? [];
      sirets.push({ siret: q.siret, basis });
      byService.set(q.service, sirets);
    });
  }
  const services = await em.find(DeclarativeService, { code: { $in: [...byService.keys()] } }, { orderBy: { code: 'ASC' } });
  return services.map((s) => ({
    serviceCode: s.code,
    label: s.label,
    accessMode: s.accessMode,
    sirets: byService.get(s.code)!.sort((a, b) => a.siret.localeCompare(b.siret)),
  }));
}
