import type { EntityManager } from '@mikro-orm/postgresql';
import type { Share } from '../../domain/soltea/money';
import { SolteaCampaign, SolteaRun, TRANSFER_STEPS, type SolteaApplication, type TransferStep } from '../../domain/soltea/soltea.entities';
import { EMPLOYER_TRANSFER_STEPS, projectTransfers, type EmployerTransferStep } from '../../domain/soltea/transfer-projection';
import type { z } from '../http/openapi';
import type { TransferProjection } from './soltea.schemas';

/** The employers choosing this establishment: their balance and whether it is frozen. */
const CHOOSING = `
  select b.employer_siret, b.amount_cents, b.frozen_at is not null as frozen
    from soltea_balance b
   where b.year = ? and exists (select 1 from soltea_allocation a where a.year = b.year and a.employer_siret = b.employer_siret and a.establishment_siret = ?)`;

/** Rows of a set-returning query keyed by an employer whose SIRET is in the array parameter. */
const ofEmployers = (sql: string) => `with chosen as (${CHOOSING}) ${sql}`;

const SHARES = ofEmployers(`
  select a.employer_siret, a.establishment_siret, a.share_bp
    from soltea_allocation a join chosen c on c.employer_siret = a.employer_siret
   where a.year = ? order by a.employer_siret, a.establishment_siret`);

const TRANSFERRED = ofEmployers(`
  select t.employer_siret, t.establishment_siret, t.step, t.status, sum(t.amount_cents) as cents
    from soltea_transfer t join chosen c on c.employer_siret = t.employer_siret
   where t.year = ? group by t.employer_siret, t.establishment_siret, t.step, t.status`);

const ELIGIBLE = ofEmployers(`
  select distinct s.siret
    from soltea_allocation a join chosen c on c.employer_siret = a.employer_siret
    join soltea_application s on s.year = a.year and s.siret = a.establishment_siret and s.status = 'ACCEPTED'
   where a.year = ?`);

const RECEIVED = `
  select step, count(distinct employer_siret) as employers, max(created_at) as last_at,
         coalesce(sum(amount_cents) filter (where status = 'PAID'), 0) as paid_cents,
         coalesce(sum(amount_cents) filter (where status <> 'PAID'), 0) as not_paid_cents
    from soltea_transfer where year = ? and establishment_siret = ? group by step`;

/**
 * What an establishment received at each transfer (soltea_transfer rows)
 * and, for a transfer still to run, what it is to receive if balances and
 * choices stay as they are today (projectTransfers); the date of each step
 * from the campaign's calendar, and whether its run report is closed.
 */
export async function transferProjection(em: EntityManager, application: SolteaApplication): Promise<z.infer<typeof TransferProjection>> {
  const { year, siret } = application;
  const [campaign, runs, received] = await Promise.all([
    em.findOne(SolteaCampaign, { year }),
    em.find(SolteaRun, { year, step: { $in: [...TRANSFER_STEPS] } }),
    em.execute<{ step: TransferStep; employers: string; last_at: Date; paid_cents: string; not_paid_cents: string }[]>(RECEIVED, [year, siret]),
  ]);
  const ended = new Set(runs.filter((r) => r.endedAt).map((r) => r.step));
  const projected = application.status === 'ACCEPTED' && EMPLOYER_TRANSFER_STEPS.some((s) => !ended.has(s)) ? await projection(em, year, siret) : null;
  return {
    year,
    siret,
    bankDetailsPresent: application.bankDetailsPresent,
    steps: TRANSFER_STEPS.map((step) => {
      const row = received.find((r) => r.step === step);
      const ahead = step !== 'UNALLOCATED_DISTRIBUTION' && !ended.has(step) && projected ? projected[step] : null;
      return {
        step,
        on: campaign?.calendar.milestones[step].date ?? null,
        done: ended.has(step),
        paidCents: Number(row?.paid_cents ?? 0),
        notPaidCents: Number(row?.not_paid_cents ?? 0),
        employers: Number(row?.employers ?? 0),
        lastAt: row ? new Date(row.last_at).toISOString() : null,
        projected: ahead,
      };
    }),
  };
}

async function projection(em: EntityManager, year: number, siret: string) {
  const chosen = [year, siret];
  const [balances, shares, transferred, eligible] = await Promise.all([
    em.execute<{ employer_siret: string; amount_cents: string; frozen: boolean }[]>(CHOOSING, chosen),
    em.execute<{ employer_siret: string; establishment_siret: string; share_bp: number }[]>(SHARES, [...chosen, year]),
    em.execute<{ employer_siret: string; establishment_siret: string; step: TransferStep; status: string; cents: string }[]>(TRANSFERRED, [...chosen, year]),
    em.execute<{ siret: string }[]>(ELIGIBLE, [...chosen, year]),
  ]);
  const employers = new Map<string, { balanceCents: number; frozen: boolean; shares: Share[]; paid: Map<string, number>; ran: Set<EmployerTransferStep> }>();
  for (const b of balances) employers.set(b.employer_siret, { balanceCents: Number(b.amount_cents), frozen: b.frozen, shares: [], paid: new Map(), ran: new Set() });
  for (const s of shares) employers.get(s.employer_siret)?.shares.push({ establishmentSiret: s.establishment_siret, shareBp: s.share_bp });
  for (const t of transferred) {
    const employer = employers.get(t.employer_siret);
    if (!employer || t.step === 'UNALLOCATED_DISTRIBUTION') continue;
    employer.ran.add(t.step);
    if (t.status === 'PAID') employer.paid.set(t.establishment_siret, (employer.paid.get(t.establishment_siret) ?? 0) + Number(t.cents));
  }
  const accepted = new Set(eligible.map((e) => e.siret));
  return projectTransfers(siret, [...employers.values()], (s) => accepted.has(s));
}
