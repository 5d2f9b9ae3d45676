import type { EntityManager } from '@mikro-orm/postgresql';
import type { PlannedChange, RejectedLine } from '../habilitation-files/planned-change';
import { HabilitationJob } from './habilitation-job.entities';
import type { JobOutcome, OutcomeReason } from './habilitation-job.status';

/** Rows per insert: one JSON parameter each, a few MB at most. */
const BATCH = 5_000;

const INSERT_CHANGES = `
insert into habilitation_job_change (job_id, seq, line, account_id, siret, service_code, action, can_declare, can_pay, can_consult)
select ?, x.seq, x.line, x.account_id, x.siret, x.service_code, x.action::habilitation_change_action, x.can_declare, x.can_pay, x.can_consult
  from json_to_recordset(?::json) as x(seq int, line int, account_id uuid, siret varchar, service_code varchar, action text, can_declare boolean, can_pay boolean, can_consult boolean)`;

const INSERT_REJECTED = `
insert into habilitation_job_rejected_line (job_id, line, code, params, raw)
select ?, x.line, x.code, x.params, x.raw
  from json_to_recordset(?::json) as x(line int, code varchar, params jsonb, raw text)`;

/** PostgreSQL text holds no NUL: a binary file's line keeps its place, the byte shown as U+FFFD. */
const withoutNul = (_key: string, value: unknown) => (typeof value === 'string' ? value.replaceAll('\0', '\uFFFD') : value);

/**
 * Writes a job's plan and its rejected lines as a file's reading hands
 * them over, interleaved (planCsv's onLine), by set-based inserts of a few
 * thousand rows: nothing more is held. Changes are numbered 1..n in the
 * order given, the order of application. `end()` writes the rest and
 * records the count as the job's `changesTotal`. Use it in the job's
 * creating transaction.
 */
export function planWriter(em: EntityManager, jobId: string) {
  let seq = 0;
  let rejectedCount = 0;
  let changes: PlannedChange[] = [];
  let rejected: RejectedLine[] = [];

  async function writeChanges(): Promise<void> {
    if (changes.length === 0) return;
    const rows = changes.map((c) => ({
      seq: ++seq,
      line: c.line,
      account_id: c.accountId,
      siret: c.siret,
      service_code: c.serviceCode,
      action: c.action,
      ...(c.action === 'GRANT' ? { can_declare: c.rights.canDeclare, can_pay: c.rights.canPay, can_consult: c.rights.canConsult } : {}),
    }));
    changes = [];
    await em.execute(INSERT_CHANGES, [jobId, JSON.stringify(rows)]);
  }

  async function writeRejected(): Promise<void> {
    if (rejected.length === 0) return;
    const rows = rejected;
    rejected = [];
    rejectedCount += rows.length;
    await em.execute(INSERT_REJECTED, [jobId, JSON.stringify(rows, withoutNul)]);
  }

  return {
    async change(change: PlannedChange): Promise<void> {
      if (changes.push(change) >= BATCH) await writeChanges();
    },
    async reject(line: RejectedLine): Promise<void> {
      if (rejected.push(line) >= BATCH) await writeRejected();
    },
    /** Answers how many changes and rejected lines were stored. */
    async end(): Promise<{ changes: number; rejected: number }> {
      await writeChanges();
      await writeRejected();
      await em.nativeUpdate(HabilitationJob, { id: jobId }, { changesTotal: seq });
      return { changes: seq, rejected: rejectedCount };
    },
  };
}

/** Stores a job's plan given whole or streamed (an async iterable is never held whole); answers how many changes. See planWriter. */
export async function storePlan(em: EntityManager, jobId: string, changes: AsyncIterable<PlannedChange> | Iterable<PlannedChange>): Promise<number> {
  const writer = planWriter(em, jobId);
  for await (const change of changes) await writer.change(change);
  return (await writer.end()).changes;
}

/** The dry-run, as the plan's reader and its rules made it (domain/habilitation-files: the plan's report, its outcome, its quarantine). */
export interface DryRun {
  counts: { linesRead: number; rejected: number; added: number; removed: number; changed: number; unchanged: number };
  outcome: JobOutcome;
  reason?: OutcomeReason | null;
  /** Its removals exceed the quarantine share of the portfolio's habilitations. */
  quarantined: boolean;
}

/** Records the dry-run on its job: counts, outcome (until the job's own), quarantine. */
export async function recordDryRun(em: EntityManager, jobId: string, { counts, outcome, reason, quarantined }: DryRun): Promise<void> {
  const { linesRead, rejected, added, removed, changed, unchanged } = counts;
  await em.nativeUpdate(HabilitationJob, { id: jobId }, {
    linesRead,
    linesRejected: rejected,
    added,
    removed,
    changed,
    unchanged,
    outcome,
    outcomeCode: reason?.code ?? null,
    outcomeParams: reason?.params ?? null,
    quarantined,
  });
}
