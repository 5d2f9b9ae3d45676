import type { EntityManager } from '@mikro-orm/postgresql';
import type { PlannedChange, RejectedLine } from '../habilitation-files/planned-change';
import { HabilitationJob } from './habilitation-job.entities';
import type { JobOutcome, OutcomeReason } from './habilitation-job.status';

/** Rows per insert: one JSON parameter each, a few MB at most. */
const BATCH = 5_000;

type Rows<T> = AsyncIterable<T> | Iterable<T>;

/** The items of `rows` in arrays of `size`, never more in memory. */
async function* batches<T>(rows: Rows<T>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const row of rows) {
    batch.push(row);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

const INSERT_CHANGES = `
insert into habilitation_job_change (job_id, seq, line, account_id, siret, service_code, action, can_declare, can_pay, can_consult)
select ?, x.seq, x.line, x.account_id, x.siret, x.service_code, x.action::habilitation_change_action, x.can_declare, x.can_pay, x.can_consult
  from json_to_recordset(?::json) as x(seq int, line int, account_id uuid, siret varchar, service_code varchar, action text, can_declare boolean, can_pay boolean, can_consult boolean)`;

const INSERT_REJECTED = `
insert into habilitation_job_rejected_line (job_id, line, code, params, raw)
select ?, x.line, x.code, x.params, x.raw
  from json_to_recordset(?::json) as x(line int, code varchar, params jsonb, raw text)`;

/**
 * Stores a job's plan, numbered 1..n in the order given (the order of
 * application), by set-based inserts of a few thousand rows — streamed:
 * an async iterable is never held whole. Records the count as the job's
 * `changesTotal` and answers it. Run it in the job's creating transaction.
 */
export async function storePlan(em: EntityManager, jobId: string, changes: Rows<PlannedChange>): Promise<number> {
  let seq = 0;
  for await (const batch of batches(changes, BATCH)) {
    const rows = batch.map((c) => ({
      seq: ++seq,
      line: c.line,
      account_id: c.accountId,
      siret: c.siret,
      service_code: c.serviceCode,
      action: c.action,
      ...(c.action === 'GRANT' ? { can_declare: c.rights.canDeclare, can_pay: c.rights.canPay, can_consult: c.rights.canConsult } : {}),
    }));
    await em.execute(INSERT_CHANGES, [jobId, JSON.stringify(rows)]);
  }
  await em.execute('update habilitation_job set changes_total = ?, updated_at = now() where id = ?', [seq, jobId]);
  return seq;
}

/** PostgreSQL text holds no NUL: a binary file's line keeps its place, the byte shown as U+FFFD. */
const withoutNul = (_key: string, value: unknown) => (typeof value === 'string' ? value.replaceAll('\0', '\uFFFD') : value);

/** Stores the lines the file's rules rejected (streamed, like the plan); answers how many. */
export async function storeRejectedLines(em: EntityManager, jobId: string, lines: Rows<RejectedLine>): Promise<number> {
  let count = 0;
  for await (const batch of batches(lines, BATCH)) {
    await em.execute(INSERT_REJECTED, [jobId, JSON.stringify(batch, withoutNul)]);
    count += batch.length;
  }
  return count;
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
