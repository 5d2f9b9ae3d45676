import type { EntityManager } from '@mikro-orm/postgresql';
import type { CampaignCalendar } from '../../domain/soltea/calendar.rules';
import { DEFAULT_DISTRIBUTION, FULL_SHARE_BP, distributeUnallocated, type DistributionParameters, type EligibleEstablishment, type Share } from '../../domain/soltea/money';
import { employerTransfer, type EmployerTransferStep } from '../../domain/soltea/transfer-projection';
import { SolteaAllocationEvent, SolteaCampaign, SolteaTransfer, type TransferStatus } from '../../domain/soltea/soltea.entities';
import { unpaidSharesMail, type EmployerOfMail, type UnpaidShare } from './campaign.mails';
import { employerRecipients, noticed, pgArray, queueEmployerNotice } from './employer-notices';
import { UNALLOCATED_BY_REGION, type ItemFailure } from './run-report';

interface BalanceRow {
  employer_siret: string;
  employer_name: string;
  contact_email: string | null;
  amount_cents: string;
  frozen: boolean;
}

interface Establishment {
  name: string;
  status: string;
  bankDetailsPresent: boolean;
}

export interface TransferPage {
  /** The last employer of the page when it was full (more may follow), else null. */
  last: string | null;
  failures: ItemFailure[];
  succeeded: string[];
}

/**
 * The employers a transfer pays, one page after `after` in SIRET order:
 * TRANSFER1 those whose choices cover exactly 100 % and are not frozen yet,
 * TRANSFER2 every employer with a balance (paysAt, the projection's rule).
 */
const CANDIDATES: Record<EmployerTransferStep, string> = {
  TRANSFER1: `
    select b.employer_siret, b.employer_name, b.contact_email, b.amount_cents, b.frozen_at is not null as frozen
      from soltea_balance b
     where b.year = ? and (?::text is null or b.employer_siret > ?) and b.frozen_at is null and b.amount_cents > 0
       and (select coalesce(sum(a.share_bp), 0) from soltea_allocation a where a.year = b.year and a.employer_siret = b.employer_siret) = ${FULL_SHARE_BP}
     order by b.employer_siret limit ?`,
  TRANSFER2: `
    select b.employer_siret, b.employer_name, b.contact_email, b.amount_cents, b.frozen_at is not null as frozen
      from soltea_balance b
     where b.year = ? and (?::text is null or b.employer_siret > ?) and b.amount_cents > 0
     order by b.employer_siret limit ?`,
};

/**
 * One page of a transfer, in the caller's transaction: each employer's
 * current balance split by his current shares (largest remainder), less
 * what earlier transfers paid each establishment (a correction that raised
 * the balance pays the difference; nothing is clawed back), as
 * soltea_transfer rows (unique year + step + employer + establishment; an
 * employer with rows for the step is done). An establishment without bank
 * details is not paid (NOT_PAID_NO_BANK_DETAILS): the share is taken off
 * the employer's choices (not a frozen employer's) — at TRANSFER1 he may
 * choose again in period 2 and is not frozen, at TRANSFER2 the share joins
 * the unallocated funds — and he is told by mail. At TRANSFER1 the others
 * are frozen.
 */
export async function transferPage(
  em: EntityManager,
  ctx: { year: number; step: EmployerTransferStep; after: string | null; limit: number; calendar: CampaignCalendar; base: string },
): Promise<TransferPage> {
  const { year, step, after, limit } = ctx;
  const rows = await em.execute<BalanceRow[]>(CANDIDATES[step], [year, after, after, limit]);
  const last = rows.length === limit ? rows[rows.length - 1].employer_siret : null;
  const done = await em.execute<{ employer_siret: string }[]>(
    'select distinct employer_siret from soltea_transfer where year = ? and step = ? and employer_siret = any(?::text[])',
    [year, step, pgArray(rows.map((r) => r.employer_siret))],
  );
  const doneSet = new Set(done.map((d) => d.employer_siret));
  const todo = rows.filter((r) => !doneSet.has(r.employer_siret));
  const result: TransferPage = { last, failures: [], succeeded: [] };
  if (!todo.length) return result;
  const sirets = pgArray(todo.map((r) => r.employer_siret));

  const shares = new Map<string, Share[]>();
  for (const a of await em.execute<{ employer_siret: string; establishment_siret: string; share_bp: number }[]>(
    'select employer_siret, establishment_siret, share_bp from soltea_allocation where year = ? and employer_siret = any(?::text[]) order by employer_siret, establishment_siret',
    [year, sirets],
  )) {
    shares.set(a.employer_siret, [...(shares.get(a.employer_siret) ?? []), { establishmentSiret: a.establishment_siret, shareBp: a.share_bp }]);
  }
  const paid = new Map<string, Map<string, number>>();
  for (const p of await em.execute<{ employer_siret: string; establishment_siret: string; cents: string }[]>(
    `select employer_siret, establishment_siret, sum(amount_cents) as cents from soltea_transfer
      where year = ? and status = 'PAID' and step <> ? and employer_siret = any(?::text[]) group by employer_siret, establishment_siret`,
    [year, step, sirets],
  )) {
    const of = paid.get(p.employer_siret) ?? new Map<string, number>();
    paid.set(p.employer_siret, of.set(p.establishment_siret, Number(p.cents)));
  }
  const chosen = [...new Set([...shares.values()].flat().map((s) => s.establishmentSiret))];
  const establishments = new Map<string, Establishment>();
  if (chosen.length) {
    for (const e of await em.execute<{ siret: string; name: string; status: string; bank_details_present: boolean }[]>(
      'select siret, name, status, bank_details_present from soltea_application where year = ? and siret = any(?::text[])',
      [year, pgArray(chosen)],
    )) {
      establishments.set(e.siret, { name: e.name, status: e.status, bankDetailsPresent: e.bank_details_present });
    }
  }

  const frozen: string[] = [];
  const unpaidOf = new Map<string, UnpaidShare[]>();
  const removed: { siret: string; establishments: string[]; remainingBp: number }[] = [];
  for (const row of todo) {
    const siret = row.employer_siret;
    const mine = shares.get(siret) ?? [];
    const transfer = employerTransfer(Number(row.amount_cents), mine, paid.get(siret) ?? new Map(), (s) => establishments.get(s)?.status === 'ACCEPTED');
    if ('notEligible' in transfer) {
      result.failures.push({ item: siret, code: 'ESTABLISHMENT_NOT_ELIGIBLE', params: { employerSiret: siret, establishmentSiret: transfer.notEligible } });
      continue;
    }
    const unpaid: UnpaidShare[] = [];
    for (const due of transfer.due) {
      const establishment = establishments.get(due.establishmentSiret)!;
      const status: TransferStatus = establishment.bankDetailsPresent ? 'PAID' : 'NOT_PAID_NO_BANK_DETAILS';
      em.create(SolteaTransfer, { year, step, employerSiret: siret, establishmentSiret: due.establishmentSiret, amountCents: due.cents, status });
      if (status !== 'PAID') unpaid.push({ establishmentSiret: due.establishmentSiret, establishmentName: establishment.name, cents: due.cents });
    }
    result.succeeded.push(siret);
    if (unpaid.length) {
      unpaidOf.set(siret, unpaid);
      if (!row.frozen) {
        const gone = new Set(unpaid.map((u) => u.establishmentSiret));
        removed.push({ siret, establishments: [...gone], remainingBp: mine.filter((s) => !gone.has(s.establishmentSiret)).reduce((a, s) => a + s.shareBp, 0) });
      }
    } else if (step === 'TRANSFER1') frozen.push(siret);
  }

  for (const r of removed) {
    await em.execute('delete from soltea_allocation where year = ? and employer_siret = ? and establishment_siret = any(?::text[])', [year, r.siret, pgArray(r.establishments)]);
    em.create(SolteaAllocationEvent, { year, employerSiret: r.siret, totalBp: r.remainingBp });
  }
  if (frozen.length) {
    await em.execute('update soltea_balance set frozen_at = now(), frozen_by = ?, updated_at = now() where year = ? and employer_siret = any(?::text[]) and frozen_at is null', [
      step,
      year,
      pgArray(frozen),
    ]);
  }
  await notifyUnpaid(em, ctx, todo, unpaidOf, result.failures);
  return result;
}

/** The mail to each employer whose chosen establishments were not paid (once per step: soltea_reminder). */
async function notifyUnpaid(
  em: EntityManager,
  ctx: { year: number; step: EmployerTransferStep; calendar: CampaignCalendar; base: string },
  rows: BalanceRow[],
  unpaidOf: Map<string, UnpaidShare[]>,
  failures: ItemFailure[],
): Promise<void> {
  if (!unpaidOf.size) return;
  const { year, step, calendar } = ctx;
  const told = await noticed(em, year, step, [...unpaidOf.keys()]);
  const toTell = rows.filter((r) => unpaidOf.has(r.employer_siret) && !told.has(r.employer_siret));
  const recipients = await employerRecipients(em, toTell.map((r) => ({ siret: r.employer_siret, contactEmail: r.contact_email })));
  const period2 = { opensOn: calendar.milestones.PERIOD2_OPEN.date, closesOn: calendar.milestones.PERIOD2_CLOSE.date };
  for (const row of toTell) {
    const to = recipients.get(row.employer_siret);
    if (!to) {
      failures.push({ item: row.employer_siret, code: 'NO_CONTACT', params: { employerSiret: row.employer_siret } });
      continue;
    }
    const employer: EmployerOfMail = { siret: row.employer_siret, name: row.employer_name, balanceCents: Number(row.amount_cents) };
    const facts = { year, step, unpaid: unpaidOf.get(row.employer_siret)!, ...(step === 'TRANSFER1' ? { period2 } : {}) };
    const url = `${ctx.base}/#/soltea-allocations/${row.employer_siret}`;
    queueEmployerNotice(em, year, step, row.employer_siret, to.map((person) => unpaidSharesMail(person, employer, facts, url)));
  }
}

/** The year's distribution parameters: those its calendar sets, else the default (40 % equally within each region). */
async function distributionOf(em: EntityManager, year: number): Promise<DistributionParameters> {
  const campaign = await em.findOne(SolteaCampaign, { year });
  const equalShareBp = campaign?.calendar.unallocatedEqualShareBp;
  return equalShareBp === undefined ? DEFAULT_DISTRIBUTION : { equalShareBp };
}

/**
 * The distribution of the unallocated funds, in one page (the sums are
 * SQL): per employer his balance less what transfers paid him, by his
 * region, shared by distributeUnallocated among the year's eligible
 * establishments (40 % equally within each region, 60 % by
 * shortage-occupation trainings), as soltea_transfer rows with
 * employerSiret '' — paid, or not for want of bank details. Done once: a
 * retry finds the rows.
 */
export async function distributionPage(em: EntityManager, year: number): Promise<void> {
  const [{ n }] = await em.execute<{ n: string }[]>(`select count(*) as n from soltea_transfer where year = ? and step = 'UNALLOCATED_DISTRIBUTION'`, [year]);
  if (Number(n) > 0) return;
  const byRegion = new Map<string | null, number>();
  for (const r of await em.execute<{ region: string | null; cents: string }[]>(UNALLOCATED_BY_REGION, [year, year])) byRegion.set(r.region, Number(r.cents));
  const accepted = await em.execute<{ siret: string; region: string; shortage_trainings: number; bank_details_present: boolean }[]>(
    `select siret, region, shortage_trainings, bank_details_present from soltea_application where year = ? and status = 'ACCEPTED'`,
    [year],
  );
  const eligible: EligibleEstablishment[] = accepted.map((a) => ({ siret: a.siret, region: a.region, shortageTrainings: a.shortage_trainings }));
  const bank = new Map(accepted.map((a) => [a.siret, a.bank_details_present]));
  const { lines } = distributeUnallocated(byRegion, eligible, await distributionOf(em, year));
  for (const line of lines) {
    const cents = line.equalCents + line.shortageCents;
    if (cents <= 0) continue;
    const status: TransferStatus = bank.get(line.siret) ? 'PAID' : 'NOT_PAID_NO_BANK_DETAILS';
    em.create(SolteaTransfer, { year, step: 'UNALLOCATED_DISTRIBUTION', employerSiret: '', establishmentSiret: line.siret, amountCents: cents, status });
  }
}
