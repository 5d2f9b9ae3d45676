import type { EntityManager } from '@mikro-orm/postgresql';
import type { CampaignCalendar, ReminderPeriod } from '../../domain/soltea/calendar.rules';
import { FULL_SHARE_BP } from '../../domain/soltea/money';
import type { SolteaReminder } from '../../domain/soltea/soltea.entities';
import { allocationsPath, reminderMail, type EmployerRecipient } from './campaign.mails';
import { employerRecipients, noticed, queueEmployerNotice } from './employer-notices';
import type { ItemFailure } from './run-report';

/** `REMINDER_PERIOD1_7` → period 1, 7 days before it closes; null for another step. */
export function reminderOf(step: string): { period: ReminderPeriod; daysBefore: number } | null {
  const m = /^REMINDER_(PERIOD[12])_(\d+)$/.exec(step);
  return m ? { period: m[1] as ReminderPeriod, daysBefore: Number(m[2]) } : null;
}

/** An employer a reminder step writes to: a balance of the year with a share not allocated, not frozen. */
export interface ReminderCandidate {
  employer_siret: string;
  employer_name: string;
  contact_email: string | null;
  amount_cents: string;
  allocated_bp: string;
}

/** The employers to remind, one page after `after` in SIRET order (the unique index on year + SIRET reads them in order). */
export const REMINDER_CANDIDATES = `
  select b.employer_siret, b.employer_name, b.contact_email, b.amount_cents, coalesce(a.bp, 0) as allocated_bp
    from soltea_balance b
    left join lateral (select sum(x.share_bp) as bp from soltea_allocation x where x.year = b.year and x.employer_siret = b.employer_siret) a on true
   where b.year = ? and (?::text is null or b.employer_siret > ?) and b.frozen_at is null and b.amount_cents > 0
     and coalesce(a.bp, 0) < ${FULL_SHARE_BP}
   order by b.employer_siret
   limit ?`;

export interface ReminderContext {
  year: number;
  step: string;
  period: ReminderPeriod;
  calendar: CampaignCalendar;
  /** The console's base URL, without a trailing slash. */
  base: string;
}

/**
 * The per-item work of a reminder: the employer's mails (one per
 * recipient) and his soltea_reminder row, in the caller's transaction; or
 * NO_CONTACT when nobody can be written to.
 */
export function remindEmployer(em: EntityManager, ctx: ReminderContext, employer: ReminderCandidate, to: EmployerRecipient[] | undefined): SolteaReminder | ItemFailure {
  const siret = employer.employer_siret;
  if (!to?.length) return { item: siret, code: 'NO_CONTACT', params: { employerSiret: siret } };
  const { milestones } = ctx.calendar;
  const facts = {
    year: ctx.year,
    period: ctx.period,
    closesOn: milestones[`${ctx.period}_CLOSE`].date,
    transferOn: milestones[ctx.period === 'PERIOD1' ? 'TRANSFER1' : 'TRANSFER2'].date,
    allocatedBp: Number(employer.allocated_bp),
  };
  const of = { siret, name: employer.employer_name, balanceCents: Number(employer.amount_cents) };
  const url = `${ctx.base}${allocationsPath(siret)}`;
  return queueEmployerNotice(em, ctx.year, ctx.step, siret, to.map((person) => reminderMail(person, of, facts, url)));
}

/**
 * One page of a reminder step, in the caller's transaction: the page's
 * employers not reminded yet for this step get their mails queued (the
 * others were, by an earlier attempt of this page). Answers the page's
 * last SIRET when it was full (more may follow), its failures and the
 * employers reminded.
 */
export async function reminderPage(
  em: EntityManager,
  ctx: ReminderContext & { after: string | null; limit: number },
): Promise<{ last: string | null; failures: ItemFailure[]; succeeded: string[] }> {
  const rows = await em.execute<ReminderCandidate[]>(REMINDER_CANDIDATES, [ctx.year, ctx.after, ctx.after, ctx.limit]);
  const last = rows.length === ctx.limit ? rows[rows.length - 1].employer_siret : null;
  const done = await noticed(
    em,
    ctx.year,
    ctx.step,
    rows.map((r) => r.employer_siret),
  );
  const todo = rows.filter((r) => !done.has(r.employer_siret));
  const recipients = await employerRecipients(em, todo.map((r) => ({ siret: r.employer_siret, contactEmail: r.contact_email })));
  const failures: ItemFailure[] = [];
  const succeeded: string[] = [];
  for (const row of todo) {
    const outcome = remindEmployer(em, ctx, row, recipients.get(row.employer_siret));
    if ('code' in outcome) failures.push(outcome);
    else succeeded.push(row.employer_siret);
  }
  return { last, failures, succeeded };
}
