import { Migration } from '@mikro-orm/migrations';
import { radiateAccount, removeUnconfirmedAccount } from '../account/account-closure';
import { AccountStatus, AdminStatus } from '../account/account.entity';
import { appendAudit } from '../audit/audit-trail';

/**
 * The candidates' accounts that candidacies closed before 2026-12-02 left
 * open: a REFUSED, EXPIRED or LOCKED candidacy (a LOCKED one then was
 * final: its due date cleared; since, LOCKED waits for support with its
 * key's expiry as due date, and its account stays) whose account is still a
 * CANDIDATE_AD not RADIATED, and no other candidacy of that account open or
 * approved.
 */
const STALE = `
select c.id as candidacy_id, c.company_id, a.id as account_id, a.status as account_status, a.admin_status
  from candidacy c join account a on a.id = c.account_id
 where (c.status in ('REFUSED', 'EXPIRED') or (c.status = 'LOCKED' and c.due_date is null))
   and a.admin_status = ?
   and a.status <> ?
   and not exists (
     select 1 from candidacy other
      where other.account_id = a.id and other.id <> c.id
        and (other.status not in ('REFUSED', 'EXPIRED', 'LOCKED', 'CANCELLED') or (other.status = 'LOCKED' and other.due_date is not null)))
 order by c.created_at`;

interface StaleRow {
  candidacy_id: string;
  company_id: string;
  account_id: string;
  account_status: string;
  admin_status: string;
}

export const STALE_CANDIDATES_REPAIR = 'Migration20261203300000_stale_candidate_accounts';

/**
 * Closes those accounts as a closing candidacy does now (closeCandidateAccount
 * in activities/candidacy, with the functions of domain/account/account-closure.ts):
 * one never confirmed is removed with its links (the candidacy keeps no
 * account), one confirmed is RADIATED and every session of his ends, so that
 * nobody logs in as a refused candidate and his identity is free again.
 * Each audited, by the system, naming this repair. Running it again finds nothing.
 */
export class Migration20261203300000_stale_candidate_accounts extends Migration {
  override async up(): Promise<void> {
    const em = this.getEntityManager();
    const now = new Date();
    const stale = await em.execute<StaleRow[]>(STALE, [AdminStatus.CANDIDATE_AD, AccountStatus.RADIATED]);
    for (const row of stale) {
      const audit = (action: string, after: Record<string, unknown>) =>
        appendAudit(em, {
          action,
          targetType: 'Account',
          targetId: row.account_id,
          companyId: row.company_id,
          before: { status: row.account_status, adminStatus: row.admin_status },
          after: { candidacyId: row.candidacy_id, repair: STALE_CANDIDATES_REPAIR, ...after },
        });
      if (await removeUnconfirmedAccount(em, row.account_id)) audit('ACCOUNT.REMOVED_UNCONFIRMED', {});
      else audit('ACCOUNT.RADIATED', { status: AccountStatus.RADIATED, sessionsRevoked: await radiateAccount(em, row.account_id, now) });
    }
    await em.flush();
  }

  /** Nothing to undo: an account closed stays closed (as one a candidacy closes). */
  override async down(): Promise<void> {}
}
