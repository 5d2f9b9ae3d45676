import type { MikroORM } from '@mikro-orm/postgresql';
import { auditActor } from '../../domain/account/audit-actor';
import type { Account } from '../../domain/account/account.entity';
import { appendAudit } from '../../domain/audit/audit-trail';
import { Company } from '../../domain/company/company.entity';

export interface SupportAction {
  action: string;
  targetType: 'Workflow' | 'WorkflowBatch' | 'Activity';
  targetId: string;
  /** The process's company, when it has one: the event shows in that company's audit trail too. */
  companySiren: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** Records who did what to a process and why, before the action is sent to Temporal. */
export async function auditSupportAction(orm: MikroORM, account: Account, entry: SupportAction): Promise<void> {
  const { companySiren, ...event } = entry;
  await orm.em.fork().transactional(async (em) => {
    const company = companySiren ? await em.getRepository(Company).findBySiren(companySiren) : null;
    appendAudit(em, { companyId: company?.id ?? null, ...auditActor(account), ...event });
  });
}
