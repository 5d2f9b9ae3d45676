import type { MailContent } from '../../activities/mail/mail-content';
import type { Mailer } from '../../activities/mail/mailer';
import type { Orm } from '../../platform/orm';

/** A mail a capturing mailer was handed: its recipient, subject, and its outbox key and id when it came from the outbox. */
export interface CapturedMail {
  to: string;
  subject: string;
  text: string;
  dedupeKey?: string;
  id?: string;
}

export interface CapturingMailer extends Mailer {
  sent: CapturedMail[];
  /** The next `n` sends fail like an SMTP server that is down (after `after` more succeed). */
  failNext(n: number, after?: number): void;
}

/** A Mailer that keeps what it is given (the outbox passes its message, with its key and id). */
export function capturingMailer(): CapturingMailer {
  const sent: CapturedMail[] = [];
  let okBefore = 0;
  let failures = 0;
  return {
    sent,
    failNext(n, after = 0) {
      failures = n;
      okBefore = after;
    },
    async send(mail: MailContent & { dedupeKey?: string; id?: string }) {
      if (failures > 0 && okBefore-- <= 0) {
        failures--;
        throw new Error('connect ECONNREFUSED 127.0.0.1:2525');
      }
      sent.push({ to: mail.to, subject: mail.subject, text: mail.text, dedupeKey: mail.dedupeKey, id: mail.id });
    },
    async close() {},
    describe: () => 'capturing mailer',
  };
}

/** `n` employer SIRETs from a prefix (14 digits, in order). */
export const employerSirets = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(14 - prefix.length, '0')}`);

export interface BalanceSeed {
  siret: string;
  cents: number;
  contactEmail?: string | null;
  region?: string | null;
  frozen?: boolean;
  name?: string;
}

/** Balances written in one SQL statement. */
export async function seedBalances(orm: Orm, year: number, balances: BalanceSeed[]): Promise<void> {
  await orm.em.fork().execute(
    `insert into soltea_balance (id, created_at, year, employer_siret, employer_siren, employer_name, region, amount_cents, contact_email, frozen_at, updated_at)
     select gen_random_uuid(), now(), ?, b.siret, left(b.siret, 9), b.name, b.region, b.cents, b.contact, case when b.frozen then now() end, now()
       from jsonb_to_recordset(?::jsonb) as b(siret text, name text, region text, cents bigint, contact text, frozen boolean)`,
    [
      year,
      JSON.stringify(
        balances.map((b) => ({ siret: b.siret, name: b.name ?? `Employeur ${b.siret}`, region: b.region ?? null, cents: b.cents, contact: b.contactEmail ?? null, frozen: !!b.frozen })),
      ),
    ],
  );
}

/** `n` balances with a contact address each (`<siret>@employeur.test`), written by PostgreSQL itself. */
export async function seedManyBalances(orm: Orm, year: number, prefix: string, n: number): Promise<void> {
  await orm.em.fork().execute(
    `insert into soltea_balance (id, created_at, year, employer_siret, employer_siren, employer_name, region, amount_cents, contact_email, updated_at)
     select gen_random_uuid(), now(), ?, s.siret, left(s.siret, 9), 'Employeur ' || s.siret, '11', 10000 + s.i, s.siret || '@employeur.test', now()
       from (select i, ? || lpad(i::text, ?, '0') as siret from generate_series(0, ? - 1) as i) s`,
    [year, prefix, 14 - prefix.length, n],
  );
}

export interface ApplicationSeed {
  siret: string;
  region: string;
  status?: 'SUBMITTED' | 'ACCEPTED' | 'REFUSED';
  bank?: boolean;
  shortageTrainings?: number;
}

export async function seedApplications(orm: Orm, year: number, applications: ApplicationSeed[]): Promise<void> {
  await orm.em.fork().execute(
    `insert into soltea_application (id, created_at, year, siret, name, uai, city, region, category, shortage_trainings, bank_details_present, status, updated_at)
     select gen_random_uuid(), now(), ?, a.siret, 'CFA ' || a.siret, '0751234A', 'Paris', a.region, 'CFA', a.shortage, a.bank, a.status::soltea_application_status, now()
       from jsonb_to_recordset(?::jsonb) as a(siret text, region text, shortage int, bank boolean, status text)`,
    [
      year,
      JSON.stringify(
        applications.map((a) => ({ siret: a.siret, region: a.region, shortage: a.shortageTrainings ?? 0, bank: a.bank ?? true, status: a.status ?? 'ACCEPTED' })),
      ),
    ],
  );
}

/** Replaces an employer's choices: establishment SIRET → basis points. */
export async function setAllocations(orm: Orm, year: number, employerSiret: string, shares: Record<string, number>): Promise<void> {
  const em = orm.em.fork();
  await em.execute('delete from soltea_allocation where year = ? and employer_siret = ?', [year, employerSiret]);
  for (const [establishmentSiret, bp] of Object.entries(shares)) {
    await em.execute(
      `insert into soltea_allocation (id, created_at, year, employer_siret, establishment_siret, share_bp, updated_at) values (gen_random_uuid(), now(), ?, ?, ?, ?, now())`,
      [year, employerSiret, establishmentSiret, bp],
    );
  }
}
