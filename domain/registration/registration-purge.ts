import type { EntityManager } from '@mikro-orm/postgresql';
import { appendAudit, type AuditEntry } from '../audit/audit-trail';
import { Company, CompanyStatus } from '../company/company.entity';

export interface RegistrationPurge {
  companyId: string;
  /** Who purged it (nothing: the system, at the expiry). */
  actor?: Pick<AuditEntry, 'actorId' | 'actorLabel'>;
  /** Further facts for the audit (e.g. the process was terminated, and why). */
  details?: Record<string, unknown>;
  dedupeKey: string;
}

/**
 * Deletes, in the caller's transaction, a registration never confirmed: the
 * PENDING company with its establishments, its Primo AD's account and his
 * links (a confirmed company stays), audited. The registration workflow's
 * step at the expiry or when cancelled, and the API's closing of one
 * terminated from supervision. Returns whether a company was deleted.
 */
export async function purgeRegistrationRecord(em: EntityManager, { companyId, actor, details, dedupeKey }: RegistrationPurge): Promise<boolean> {
  const company = await em.findOne(Company, { id: companyId, status: CompanyStatus.PENDING });
  appendAudit(em, {
    ...actor,
    action: 'REGISTRATION.PURGED',
    targetType: 'Company',
    targetId: companyId,
    companyId,
    before: company ? { siren: company.siren, legalName: company.legalName, status: company.status } : null,
    ...(details ? { after: details } : {}),
    dedupeKey,
  });
  if (company) await em.nativeDelete(Company, { id: companyId });
  return company !== null;
}
