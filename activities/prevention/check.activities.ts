import { randomUUID } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { ApplicationFailure } from '@temporalio/activity';
import { activeAdministrators } from '../../domain/auth/active-administrators';
import { Company } from '../../domain/company/company.entity';
import type { CheckRunStatus, CheckStatus } from '../../domain/prevention/prevention.entities';
import { queueStepMail, stepMailIds } from '../mail/outbox';
import { CHECK_PATH, checkReminderMail } from './check.mails';

export type { CheckRunStatus, CheckStatus };

export interface CheckDeps {
  orm: MikroORM;
  /** Absolute base URL of the console, for the link in the reminder. */
  publicUrl: string;
}

/** The yearly check's run (prevention_check_run) as its workflow last saw it. */
export interface CheckRunRecord {
  year: number;
  workflowId: string;
  status: Exclude<CheckRunStatus, 'REPORTED'>;
  /** The check's last day (YYYY-MM-DD). */
  due: string;
  /** Employers whose check was started so far. */
  employers: number;
}

/** One employer's check (prevention_check) as its workflow last saw it. */
export interface CheckRecord {
  year: number;
  employerSiren: string;
  workflowId: string;
  status: CheckStatus;
  due: string;
  /** ISO instant it was marked done, and by whom (an account id); null while not done. */
  doneAt: string | null;
  doneBy: string | null;
}

export interface EmployersPageRequest {
  year: number;
  /** The last SIREN of the previous page; null for the first. */
  after: string | null;
  limit: number;
}

/** SIRENs in order; `next` is where the next page starts, null when none is left. */
export interface EmployersPage {
  sirens: string[];
  next: string | null;
}

/** The yearly report's counts: checks done, checks not done (still open or closed undone), checks cancelled from supervision, learners' lines of the year still awaiting verification. */
export interface CheckCounts {
  done: number;
  notDone: number;
  cancelled: number;
  pendingLines: number;
}

export interface CheckReminder {
  /** The outbox messages of the reminder (one per active administrator), for the workflow to deliver. */
  outboxIds: string[];
  remindedAt: string;
}

/** Employers per page a caller may ask for: a run starts at most 1 000 children (workflows/prevention-check). */
const MAX_PAGE = 1_000;

const quartersOf = (year: number) => [1, 2, 3, 4].map((q) => `${year}-Q${q}`);

/** The outbox key prefix of a check's reminder: one set of mails per (year, SIREN), whatever the run or the attempt. */
export const reminderKey = (year: number, siren: string) => `prevention-check-${year}-${siren}/reminder`;

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < 2000 || year > 9999) throw ApplicationFailure.nonRetryable(`year must be an integer from 2000 to 9999, got ${year}`, 'PREVENTION.YEAR_INVALID');
}

/**
 * The steps of the yearly prevention check (preventionYearlyCheckWorkflow)
 * and of each employer's check (preventionEmployerCheckWorkflow). Each is
 * idempotent: read models are upserted by their unique keys, the reminder
 * is written once per (year, SIREN) under its outbox keys, and counts are
 * read from the tables, never added up by the caller.
 */
export function createPreventionCheckActivities({ orm, publicUrl }: CheckDeps) {
  const url = `${publicUrl.replace(/\/$/, '')}${CHECK_PATH}`;

  return {
    /** Upserts the year's run (RUNNING with the employers started so far, or CANCELLED); its report is made by checkReport. */
    async recordCheckRun(record: CheckRunRecord): Promise<void> {
      assertYear(record.year);
      await orm.em.fork().execute(
        `insert into prevention_check_run (year, workflow_id, status, due, employers, started_at)
         values (?, ?, ?::prevention_check_run_status, ?::date, ?, now())
         on conflict (year) do update set
           workflow_id = excluded.workflow_id, status = excluded.status, due = excluded.due, employers = excluded.employers`,
        [record.year, record.workflowId, record.status, record.due, record.employers],
      );
    },

    /**
     * A page of the employers to check for a year, in SIREN order after
     * `after`: every ACTIVE company with, that year, an employment relation
     * of one of its SIRETs active at some point of the year, or a learner's
     * line of one of the year's quarters.
     */
    async checkEmployersPage({ year, after, limit }: EmployersPageRequest): Promise<EmployersPage> {
      assertYear(year);
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
        throw ApplicationFailure.nonRetryable(`limit must be an integer from 1 to ${MAX_PAGE}`, 'PREVENTION.PAGE_SIZE_INVALID');
      }
      const rows = await orm.em.fork().execute<{ siren: string }[]>(
        `select c.siren from company c
          where c.status = 'ACTIVE' and (?::text is null or c.siren > ?)
            and (exists (select 1 from employment_relation r
                          where r.employer_siret between c.siren || '00000' and c.siren || '99999'
                            and r.start_date <= ?::date and (r.end_date is null or r.end_date >= ?::date))
                 or exists (select 1 from prevention_learner l where l.employer_siren = c.siren and l.quarter in (?, ?, ?, ?)))
          order by c.siren
          limit ?`,
        [after, after, `${year}-12-31`, `${year}-01-01`, ...quartersOf(year), limit + 1],
      );
      const sirens = rows.slice(0, limit).map((r) => r.siren);
      return { sirens, next: rows.length > limit ? sirens[sirens.length - 1] : null };
    },

    /** Upserts one employer's check by (year, SIREN). */
    async recordCheck(record: CheckRecord): Promise<void> {
      assertYear(record.year);
      await orm.em.fork().execute(
        `insert into prevention_check (id, created_at, year, employer_siren, workflow_id, status, due, done_at, done_by, updated_at)
         values (?, now(), ?, ?, ?, ?::prevention_check_status, ?::date, ?::timestamptz, ?::uuid, now())
         on conflict (year, employer_siren) do update set
           workflow_id = excluded.workflow_id, status = excluded.status, due = excluded.due,
           done_at = excluded.done_at, done_by = excluded.done_by, updated_at = now()`,
        [randomUUID(), record.year, record.employerSiren, record.workflowId, record.status, record.due, record.doneAt, record.doneBy],
      );
    },

    /**
     * Writes to the outbox the reminder of a check not done yet, one mail
     * per active administrator of the company, and marks the check
     * reminded — once per (year, SIREN): a retry, or a second call, answers
     * the mails written the first time. Delivered by the workflow.
     */
    async remindCheck({ year, siren }: { year: number; siren: string }): Promise<CheckReminder> {
      assertYear(year);
      const key = reminderKey(year, siren);
      return orm.em.fork().transactional(async (em) => {
        const [check] = await em.execute<{ due: string; reminded_at: Date | null }[]>(
          `select to_char(due, 'YYYY-MM-DD') as due, reminded_at from prevention_check where year = ? and employer_siren = ? for update`,
          [year, siren],
        );
        if (!check) throw ApplicationFailure.nonRetryable(`no prevention check of ${siren} for ${year}`, 'PREVENTION.CHECK_NOT_FOUND');
        if (check.reminded_at) return { outboxIds: await stepMailIds(em, key), remindedAt: new Date(check.reminded_at).toISOString() };
        const outboxIds = await queueReminders(em, key, { year, siren, due: check.due }, url);
        const [{ reminded_at }] = await em.execute<{ reminded_at: Date }[]>(
          'update prevention_check set reminded_at = now(), updated_at = now() where year = ? and employer_siren = ? returning reminded_at',
          [year, siren],
        );
        return { outboxIds, remindedAt: new Date(reminded_at).toISOString() };
      });
    },

    /** The report at the due day, read from the tables and recorded in the run (REPORTED): checks done, not done, cancelled, lines of the year still pending. */
    async checkReport({ year }: { year: number }): Promise<CheckCounts> {
      assertYear(year);
      return orm.em.fork().transactional(async (em) => {
        const [checks] = await em.execute<{ done: string; not_done: string; cancelled: string }[]>(
          `select count(*) filter (where status = 'DONE') as done, count(*) filter (where status in ('OPEN', 'NOT_DONE')) as not_done,
                  count(*) filter (where status = 'CANCELLED') as cancelled
             from prevention_check where year = ?`,
          [year],
        );
        const [lines] = await em.execute<{ n: string }[]>(
          `select count(*) as n from prevention_learner where quarter in (?, ?, ?, ?) and status = 'PENDING_VERIFICATION'`,
          quartersOf(year),
        );
        const counts: CheckCounts = { done: Number(checks.done), notDone: Number(checks.not_done), cancelled: Number(checks.cancelled), pendingLines: Number(lines.n) };
        const reported = await em.execute<{ year: number }[]>(
          `update prevention_check_run set status = 'REPORTED', reported_at = coalesce(reported_at, now()), report = ?::jsonb where year = ? returning year`,
          [JSON.stringify(counts), year],
        );
        if (!reported.length) throw ApplicationFailure.nonRetryable(`no prevention check run for ${year}`, 'PREVENTION.CHECK_RUN_NOT_FOUND');
        return counts;
      });
    },
  };
}

/** The reminder's mails, queued in the caller's transaction under `<key>/000`, `/001`…: answers their ids (none when the company has no active administrator). */
async function queueReminders(em: EntityManager, key: string, check: { year: number; siren: string; due: string }, url: string): Promise<string[]> {
  const company = await em.findOne(Company, { siren: check.siren });
  if (!company) return [];
  const admins = await activeAdministrators(em, company.id);
  const facts = { ...check, companyName: company.legalName };
  return admins.map((admin, n) => queueStepMail(em, key, n, checkReminderMail(admin, facts, url), company.id));
}

export type PreventionCheckActivities = ReturnType<typeof createPreventionCheckActivities>;
