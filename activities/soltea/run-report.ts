import type { EmployerTransferStep } from '../../domain/soltea/transfer-projection';
import type { EntityManager } from '@mikro-orm/postgresql';
import { FULL_SHARE_BP } from '../../domain/soltea/money';
import { pgArray } from './employer-notices';

/** One item a step could not do: a code and its parameters (the console words it). */
export interface ItemFailure {
  item: string;
  code: string;
  params?: Record<string, unknown>;
}

/** The step's run report (soltea_run), opened if it was not: its id. */
export async function runIdOf(em: EntityManager, year: number, step: string): Promise<string> {
  await em.execute(
    `insert into soltea_run (id, created_at, year, step, status, started_at, counts)
     values (gen_random_uuid(), now(), ?, ?, 'RUNNING', now(), '{}'::jsonb) on conflict (year, step) do nothing`,
    [year, step],
  );
  const [run] = await em.execute<{ id: string }[]>('select id from soltea_run where year = ? and step = ?', [year, step]);
  return run.id;
}

/**
 * Records a page's failures (once per item: a retry finds them) and forgets
 * the earlier failures of the items that succeeded this time.
 */
export async function recordFailures(em: EntityManager, runId: string, failures: ItemFailure[], succeeded: readonly string[]): Promise<void> {
  if (succeeded.length) await em.execute('delete from soltea_run_failure where run_id = ? and item = any(?::text[])', [runId, pgArray(succeeded)]);
  if (!failures.length) return;
  await em.execute(
    `insert into soltea_run_failure (id, run_id, item, code, params, at)
     select gen_random_uuid(), ?, f.item, f.code, f.params, now()
       from jsonb_to_recordset(?::jsonb) as f(item text, code text, params jsonb)
     on conflict (run_id, item) do update set code = excluded.code, params = excluded.params`,
    [runId, JSON.stringify(failures.map((f) => ({ item: f.item, code: f.code, params: f.params ?? null })))],
  );
}

type Row = Record<string, string | number | null>;

/** One row of numbers (PostgreSQL sums come back as strings). */
async function numbers(em: EntityManager, sql: string, params: unknown[]): Promise<Record<string, number>> {
  const [row] = await em.execute<Row[]>(sql, params);
  return Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, Number(v ?? 0)]));
}

/** Σ balance × share / Σ balance, in basis points, over the employers with a balance. */
const SHARE_ALLOCATED = `
  select coalesce(round(sum(b.amount_cents::numeric * least(coalesce(a.bp, 0), ${FULL_SHARE_BP})) / nullif(sum(b.amount_cents), 0)), 0) as "shareAllocatedBp"
    from soltea_balance b
    left join (select employer_siret, sum(share_bp) as bp from soltea_allocation where year = ? group by employer_siret) a on a.employer_siret = b.employer_siret
   where b.year = ? and b.amount_cents > 0`;

/** Where the allocations stand: employers with a balance, fully, partly or not allocated, the share allocated. */
export async function allocationCounts(em: EntityManager, year: number): Promise<Record<string, number>> {
  return {
    ...(await numbers(
      em,
      `select count(*) as "employersWithBalance",
              coalesce(sum(b.amount_cents), 0) as "balanceCents",
              count(*) filter (where coalesce(a.bp, 0) >= ${FULL_SHARE_BP}) as "employersFullyAllocated",
              count(*) filter (where coalesce(a.bp, 0) > 0 and coalesce(a.bp, 0) < ${FULL_SHARE_BP}) as "employersPartlyAllocated",
              count(*) filter (where coalesce(a.bp, 0) = 0) as "employersNotAllocated",
              count(*) filter (where b.frozen_at is not null) as "employersFrozen"
         from soltea_balance b
         left join (select employer_siret, sum(share_bp) as bp from soltea_allocation where year = ? group by employer_siret) a on a.employer_siret = b.employer_siret
        where b.year = ? and b.amount_cents > 0`,
      [year, year],
    )),
    ...(await numbers(em, SHARE_ALLOCATED, [year, year])),
  };
}

/** The applications of the year by status. */
export function applicationCounts(em: EntityManager, year: number): Promise<Record<string, number>> {
  return numbers(
    em,
    `select count(*) as "applications",
            count(*) filter (where status = 'ACCEPTED') as "accepted",
            count(*) filter (where status = 'REFUSED') as "refused",
            count(*) filter (where status = 'SUBMITTED') as "notReviewed",
            count(*) filter (where status = 'ACCEPTED' and not bank_details_present) as "acceptedWithoutBankDetails"
       from soltea_application where year = ?`,
    [year],
  );
}

/** The campaign's headline numbers now (the workflow's status query shows them). */
export async function headlineCounts(em: EntityManager, year: number) {
  const n = await numbers(
    em,
    `select (select count(*) from soltea_application where year = ? and status = 'ACCEPTED') as "establishmentsEligible",
            (select count(*) from soltea_balance where year = ? and amount_cents > 0) as "employersWithBalance",
            (select count(*) from soltea_reminder where year = ? and step like 'REMINDER\\_%') as "remindersSent"`,
    [year, year, year],
  );
  const { shareAllocatedBp } = await numbers(em, SHARE_ALLOCATED, [year, year]);
  return { establishmentsEligible: n.establishmentsEligible, employersWithBalance: n.employersWithBalance, shareAllocatedBp, remindersSent: n.remindersSent };
}

/** What a reminder step did: employers reminded, their mails and how many are sent, employers without anybody to write to. */
export function reminderCounts(em: EntityManager, year: number, step: string, runId: string): Promise<Record<string, number>> {
  return numbers(
    em,
    `select (select count(*) from soltea_reminder where year = ? and step = ?) as "reminders",
            count(o.id) as "mails",
            count(o.id) filter (where o.status = 'SENT') as "mailsSent",
            (select count(*) from soltea_run_failure where run_id = ? and code = 'NO_CONTACT') as "noContact"
       from soltea_reminder r
       cross join lateral jsonb_array_elements_text(r.outbox_ids) as x(outbox_id)
       join outbox_message o on o.id = x.outbox_id::uuid
      where r.year = ? and r.step = ?`,
    [year, step, runId, year, step],
  );
}

/** What a transfer paid and did not pay, to how many, and the employers it froze or told. */
export function transferCounts(em: EntityManager, year: number, step: EmployerTransferStep): Promise<Record<string, number>> {
  return numbers(
    em,
    `select count(*) as "transfers",
            coalesce(sum(amount_cents) filter (where status = 'PAID'), 0) as "paidCents",
            coalesce(sum(amount_cents) filter (where status = 'NOT_PAID_NO_BANK_DETAILS'), 0) as "notPaidCents",
            count(*) filter (where status = 'NOT_PAID_NO_BANK_DETAILS') as "notPaidNoBankDetails",
            count(distinct employer_siret) filter (where status = 'PAID') as "employersPaid",
            count(distinct establishment_siret) filter (where status = 'PAID') as "establishmentsPaid",
            (select count(*) from soltea_balance where year = ? and frozen_by = ?) as "employersFrozen",
            (select count(*) from soltea_reminder where year = ? and step = ?) as "employersNotified"
       from soltea_transfer where year = ? and step = ?`,
    [year, step, year, step, year, step],
  );
}

/** Per employer region: his balance less what transfers paid him (never below zero), in cents. */
export const UNALLOCATED_BY_REGION = `
  select b.region, sum(greatest(b.amount_cents - coalesce(p.paid, 0), 0))::bigint as cents
    from soltea_balance b
    left join (select employer_siret, sum(amount_cents) as paid from soltea_transfer
                where year = ? and status = 'PAID' and employer_siret <> '' group by employer_siret) p on p.employer_siret = b.employer_siret
   where b.year = ?
   group by b.region`;

/** The unallocated funds, what their distribution paid and did not pay, and what nobody could receive. */
export async function distributionCounts(em: EntityManager, year: number): Promise<Record<string, number>> {
  const [{ cents }] = await em.execute<{ cents: string | null }[]>(`select sum(cents) as cents from (${UNALLOCATED_BY_REGION}) u`, [year, year]);
  const paid = await numbers(
    em,
    `select coalesce(sum(amount_cents) filter (where status = 'PAID'), 0) as "distributedCents",
            coalesce(sum(amount_cents) filter (where status = 'NOT_PAID_NO_BANK_DETAILS'), 0) as "notPaidCents",
            count(*) filter (where status = 'PAID') as "establishmentsPaid",
            count(*) filter (where status = 'NOT_PAID_NO_BANK_DETAILS') as "notPaidNoBankDetails"
       from soltea_transfer where year = ? and step = 'UNALLOCATED_DISTRIBUTION'`,
    [year],
  );
  const unallocatedCents = Number(cents ?? 0);
  return { unallocatedCents, ...paid, undistributedCents: unallocatedCents - paid.distributedCents - paid.notPaidCents };
}

/** The campaign's closing numbers: balances, what each transfer and the distribution paid, reminders. */
export async function campaignReport(em: EntityManager, year: number): Promise<Record<string, number>> {
  const paid = await numbers(
    em,
    `select coalesce(sum(amount_cents) filter (where step = 'TRANSFER1' and status = 'PAID'), 0) as "transfer1PaidCents",
            coalesce(sum(amount_cents) filter (where step = 'TRANSFER2' and status = 'PAID'), 0) as "transfer2PaidCents",
            coalesce(sum(amount_cents) filter (where step = 'UNALLOCATED_DISTRIBUTION' and status = 'PAID'), 0) as "distributedCents",
            coalesce(sum(amount_cents) filter (where status = 'NOT_PAID_NO_BANK_DETAILS'), 0) as "notPaidCents",
            count(distinct establishment_siret) filter (where status = 'PAID') as "establishmentsPaid"
       from soltea_transfer where year = ?`,
    [year],
  );
  const { employersWithBalance, balanceCents } = await allocationCounts(em, year);
  const { establishmentsEligible, remindersSent, shareAllocatedBp } = await headlineCounts(em, year);
  return { employersWithBalance, balanceCents, establishmentsEligible, shareAllocatedBp, remindersSent, ...paid };
}
