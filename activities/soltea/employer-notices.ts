import type { EntityManager } from '@mikro-orm/postgresql';
import { Context } from '@temporalio/activity';
import { Account, AccountRole, AccountStatus, AdminStatus } from '../../domain/account/account.entity';
import { Company } from '../../domain/company/company.entity';
import { Establishment } from '../../domain/company/establishment.entity';
import { OutboxMessage, OutboxStatus } from '../../domain/mail/outbox-message.entity';
import { SolteaReminder } from '../../domain/soltea/soltea.entities';
import type { MailContent } from '../mail/mail-content';
import type { Mailer } from '../mail/mailer';
import type { EmployerRecipient } from './campaign.mails';

/** One employer's SIRET, with the DSN's contact address when it has one. */
export interface EmployerContact {
  siret: string;
  contactEmail?: string | null;
}

/** The outbox key of an employer's mail number `n` (0-based) for a step: exactly once per year, step, SIRET and recipient. */
export const noticeKey = (year: number, step: string, siret: string, n = 0) => `soltea-${year}/${step}/${siret}${n ? `/${n + 1}` : ''}`;

/** A PostgreSQL array literal of plain strings (SIRETs, uuids, keys), bound as one parameter. */
export const pgArray = (values: readonly string[]) => `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;

/**
 * Who receives each employer's mail: the DSN's contact address, else the
 * active administrators of the company owning the SIRET (its establishment
 * on the portal, else the company of its SIREN) — the criteria of
 * domain/auth/active-administrators.ts, asked for many companies at once.
 * An employer missing from the answer has nobody to write to.
 */
export async function employerRecipients(em: EntityManager, employers: readonly EmployerContact[]): Promise<Map<string, EmployerRecipient[]>> {
  const answer = new Map<string, EmployerRecipient[]>();
  const without = employers.filter((e) => {
    if (e.contactEmail) answer.set(e.siret, [{ email: e.contactEmail }]);
    return !e.contactEmail;
  });
  if (!without.length) return answer;
  const companyOf = new Map<string, string>();
  for (const e of await em.find(Establishment, { siret: { $in: without.map((e) => e.siret) } }, { fields: ['siret', 'company'] })) companyOf.set(e.siret, e.company.id);
  const bySiren = without.filter((e) => !companyOf.has(e.siret));
  if (bySiren.length) {
    const companies = await em.find(Company, { siren: { $in: [...new Set(bySiren.map((e) => e.siret.slice(0, 9)))] } }, { fields: ['siren'] });
    const idOf = new Map(companies.map((c) => [c.siren, c.id]));
    for (const e of bySiren) if (idOf.has(e.siret.slice(0, 9))) companyOf.set(e.siret, idOf.get(e.siret.slice(0, 9))!);
  }
  const companyIds = [...new Set(companyOf.values())];
  if (!companyIds.length) return answer;
  const admins = await em.find(
    Account,
    { company: { $in: companyIds }, role: AccountRole.ADMINISTRATOR, adminStatus: AdminStatus.ACTIVE, status: AccountStatus.ACTIVE, emailConfirmedAt: { $ne: null } },
    { fields: ['company', 'email', 'firstName', 'lastName'], orderBy: { lastName: 'ASC', firstName: 'ASC', id: 'ASC' } },
  );
  const byCompany = new Map<string, EmployerRecipient[]>();
  for (const a of admins) byCompany.set(a.company.id, [...(byCompany.get(a.company.id) ?? []), { email: a.email, firstName: a.firstName, lastName: a.lastName }]);
  for (const e of without) {
    const to = byCompany.get(companyOf.get(e.siret) ?? '');
    if (to?.length) answer.set(e.siret, to);
  }
  return answer;
}

/**
 * Writes one employer's mail for a step in the caller's transaction: its
 * outbox messages (one per recipient) and the soltea_reminder row that
 * makes it exactly once (unique year + step + SIRET). The caller checked
 * that the row did not exist; a concurrent attempt fails on the unique keys
 * and is retried.
 */
export function queueEmployerNotice(em: EntityManager, year: number, step: string, siret: string, mails: MailContent[]): SolteaReminder {
  const outboxIds = mails.map((mail, n) => em.create(OutboxMessage, { ...mail, dedupeKey: noticeKey(year, step, siret, n) }).id);
  return em.create(SolteaReminder, { year, step, employerSiret: siret, outboxIds });
}

/** The SIRETs among `sirets` that already have their mail for the step. */
export async function noticed(em: EntityManager, year: number, step: string, sirets: readonly string[]): Promise<Set<string>> {
  if (!sirets.length) return new Set();
  const rows = await em.execute<{ employer_siret: string }[]>(
    'select employer_siret from soltea_reminder where year = ? and step = ? and employer_siret = any(?::text[])',
    [year, step, pgArray(sirets)],
  );
  return new Set(rows.map((r) => r.employer_siret));
}

/** Mails sent at once within a page (SMTP connections in flight). */
export const SEND_CONCURRENCY = 4;

/** Heartbeats when running as an activity (a plain loop, a test or a bench calls the same code without a context). */
export function heartbeat(details?: unknown): void {
  let context: Context | undefined;
  try {
    context = Context.current();
  } catch {
    return;
  }
  context.heartbeat(details);
}

/**
 * Sends, after the page's transaction committed, the mails of the step's
 * notices for the SIRETs in (after, upTo] (upTo null: to the end) still
 * PENDING, SEND_CONCURRENCY at a time, each round marked SENT as soon as it
 * is sent: a retried page sends only what is left. A transport failure is
 * recorded on its message and thrown — the activity fails and Temporal
 * retries it; nothing is lost, and nothing doubled but the round in flight
 * when a worker dies (sent, not yet marked).
 */
export async function sendPendingNotices(
  em: EntityManager,
  mailer: Mailer,
  range: { year: number; step: string; after: string | null; upTo: string | null },
): Promise<number> {
  const ids = await em.execute<{ id: string }[]>(
    `select o.id from soltea_reminder r
       cross join lateral jsonb_array_elements_text(r.outbox_ids) as x(outbox_id)
       join outbox_message o on o.id = x.outbox_id::uuid
      where r.year = ? and r.step = ? and (?::text is null or r.employer_siret > ?) and (?::text is null or r.employer_siret <= ?)
        and o.status = 'PENDING'`,
    [range.year, range.step, range.after, range.after, range.upTo, range.upTo],
  );
  if (!ids.length) return 0;
  const messages = await em.find(OutboxMessage, { id: { $in: ids.map((r) => r.id) } }, { orderBy: { dedupeKey: 'ASC' } });
  const connection = em.getConnection();
  let sent = 0;
  for (let i = 0; i < messages.length; i += SEND_CONCURRENCY) {
    const round = messages.slice(i, i + SEND_CONCURRENCY);
    const outcomes = await Promise.allSettled(round.map((message) => mailer.send(message)));
    const done = round.filter((_, n) => outcomes[n].status === 'fulfilled').map((m) => m.id);
    if (done.length) {
      await connection.execute(`update outbox_message set status = ?, sent_at = now(), attempts = attempts + 1, last_error = null where id = any(?::uuid[])`, [
        OutboxStatus.SENT,
        pgArray(done),
      ]);
    }
    sent += done.length;
    const failed = outcomes.findIndex((o) => o.status === 'rejected');
    if (failed >= 0) {
      const { reason } = outcomes[failed] as PromiseRejectedResult;
      for (const [n, o] of outcomes.entries()) {
        if (o.status !== 'rejected') continue;
        const why = o.reason instanceof Error ? o.reason.message : String(o.reason);
        await connection.execute('update outbox_message set attempts = attempts + 1, last_error = ? where id = ?', [why, round[n].id]);
      }
      throw reason;
    }
    if (i % 100 < SEND_CONCURRENCY) heartbeat({ sent });
  }
  return sent;
}
