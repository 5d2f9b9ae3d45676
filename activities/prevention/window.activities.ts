import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { ApplicationFailure } from '@temporalio/activity';
import { SYSTEM_ACTOR } from '../../domain/audit/audit-event.entity';
import type { QuarterKey } from '../../domain/prevention/declaration-dates.rules';
import type { DeadlineMoveRecord, WindowStatus } from '../../domain/prevention/prevention.entities';

export type { DeadlineMoveRecord, WindowStatus };

export interface WindowDeps {
  orm: MikroORM;
}

/** The verification window's read model (prevention_window) as its workflow last saw it. */
export interface WindowRecord {
  employerSiren: string;
  quarter: QuarterKey;
  workflowId: string;
  status: WindowStatus;
  /** The last day of the window (YYYY-MM-DD). */
  deadline: string;
  moves: DeadlineMoveRecord[];
  deemedVerified: number;
}

export interface DeemVerifiedPageRequest {
  employerSiren: string;
  quarter: QuarterKey;
  limit: number;
}

/** Lines marked by one page; `more`: it marked some, so the next page may find lines left (only an empty page ends). */
export interface DeemVerifiedPage {
  updated: number;
  more: boolean;
  /**
   * Lines of (employer SIREN, quarter) deemed verified at the deadline so
   * far, this page's included: what the window counts, so that a page done
   * by a worker lost before it answered (its retry finds the next lines, or
   * none) is counted all the same. Absent from answers recorded before it
   * existed.
   */
  deemed?: number;
}

/** Lines per page a caller may ask for (the workflow asks a few hundred). */
const MAX_PAGE = 5_000;

/**
 * The steps of preventionVerificationWindowWorkflow: its read model, and at
 * the deadline the training bodies' lines the employer left unverified,
 * deemed verified page by page, each with its audit event. Each is one
 * statement, so a retry never does a line twice: a page retried finds only
 * the lines still pending.
 */
export function createPreventionWindowActivities({ orm }: WindowDeps) {
  return {
    /** Upserts the window's read model by (employer SIREN, quarter); closed_at is set once, when it leaves OPEN. */
    async recordWindow(record: WindowRecord): Promise<void> {
      await orm.em.fork().execute(
        `insert into prevention_window (id, created_at, employer_siren, quarter, workflow_id, status, deadline, moves, deemed_verified, closed_at, updated_at)
         values (?, now(), ?, ?, ?, ?::prevention_window_status, ?::date, ?::jsonb, ?, case when ? = 'OPEN' then null else now() end, now())
         on conflict (employer_siren, quarter) do update set
           status = excluded.status, deadline = excluded.deadline, moves = excluded.moves, deemed_verified = excluded.deemed_verified,
           closed_at = case when excluded.status = 'OPEN' then null else coalesce(prevention_window.closed_at, now()) end,
           updated_at = now()`,
        [
          randomUUID(),
          record.employerSiren,
          record.quarter,
          record.workflowId,
          record.status,
          record.deadline,
          JSON.stringify(record.moves),
          record.deemedVerified,
          record.status,
        ],
      );
    },

    /**
     * At most `limit` lines of (employer SIREN, quarter) still awaiting the
     * employer's verification become DEEMED_VERIFIED, each with its audit
     * event (PREVENTION.DEEMED_VERIFIED by the system, keyed by the line), in
     * one statement; verified lines and correction requests are never touched.
     */
    async deemVerifiedPage({ employerSiren, quarter, limit }: DeemVerifiedPageRequest): Promise<DeemVerifiedPage> {
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
        throw ApplicationFailure.nonRetryable(`limit must be an integer from 1 to ${MAX_PAGE}`, 'PREVENTION.PAGE_SIZE_INVALID');
      }
      return orm.em.fork().transactional(async (em) => {
        // The page is a materialized CTE: written as `id in (select … limit ?)`, the planner may rescan the
        // subquery once per candidate row (nested-loop semi-join) and update more than `limit` lines. A line
        // an employer is verifying at that moment is waited for (not skipped), then left out if no longer
        // pending; so a short page proves nothing, and only an empty one ends the deadline's pages. The audit
        // events are written by the same statement as the lines they tell of: both or neither.
        const rows = await em.execute<{ id: string }[]>(
          `with page as materialized (
             select id from prevention_learner
              where employer_siren = ? and quarter = ? and status = 'PENDING_VERIFICATION'
              order by id limit ? for update),
           deemed as (
             update prevention_learner set status = 'DEEMED_VERIFIED', decided_at = now()
              where status = 'PENDING_VERIFICATION' and id in (select id from page)
             returning id, declaration_id),
           audited as (
             insert into audit_event (id, at, actor_id, actor_label, action, target_type, target_id, company_id, before, after, dedupe_key)
             select gen_random_uuid(), now(), null, ?, 'PREVENTION.DEEMED_VERIFIED', 'PreventionLearner', d.id::text,
                    (select c.id from company c where c.siren = ?), jsonb_build_object('status', 'PENDING_VERIFICATION'),
                    jsonb_build_object('status', 'DEEMED_VERIFIED', 'declarationId', d.declaration_id, 'quarter', ?::text),
                    'prevention-deemed/' || d.id
               from deemed d
             on conflict (dedupe_key) do nothing)
           select id from deemed`,
          [employerSiren, quarter, limit, SYSTEM_ACTOR, employerSiren, quarter],
        );
        // Only these pages give a DEEMED_VERIFIED line its decision time (a line declared after its window is stored deemed, without one).
        const [{ n }] = await em.execute<{ n: number }[]>(
          `select count(*)::int as n from prevention_learner
            where employer_siren = ? and quarter = ? and status = 'DEEMED_VERIFIED' and decided_at is not null`,
          [employerSiren, quarter],
        );
        return { updated: rows.length, more: rows.length > 0, deemed: n };
      });
    },
  };
}

export type PreventionWindowActivities = ReturnType<typeof createPreventionWindowActivities>;
