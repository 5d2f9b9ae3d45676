import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { LineChecks, siret, type Check, type CsvLayout } from '../../domain/dsn/dsn-csv.rules';
import type { Importer, Written } from '../../domain/dsn/dsn-import.service';
import { sirenOf } from '../../domain/identifiers/identifiers.rules';
import { INSEE_REGIONS } from './soltea.schemas';

/**
 * The employers' balances file (the DSN's code 076 amounts), read like the
 * DSN imports (domain/dsn: `;` or `,`, UTF-8 with or without BOM or
 * Windows-1252, columns by name): `siret;montant`, and optionally `region`
 * (INSEE code), `email` (the DSN's contact) and `nom`. Amounts are euros
 * with a comma or a dot and at most two decimals, stored in cents. A line
 * for an employer already known replaces his amount (a correction); the
 * optional columns left empty keep what was known.
 */
export const BALANCE_LAYOUT = {
  columns: ['siret', 'montant', 'region', 'email', 'nom'],
  optional: ['region', 'email', 'nom'],
} as const satisfies CsvLayout<string>;

export type BalanceColumn = (typeof BALANCE_LAYOUT.columns)[number];

export interface BalanceLine {
  siret: string;
  amountCents: number;
  region: string | null;
  email: string | null;
  name: string | null;
}

const ok = <T>(value: T): Check<T> => ({ ok: true, value });
const fail = <T>(reason: string): Check<T> => ({ ok: false, reason });
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Euros as a French spreadsheet writes them (`1234,56`, `1 234,56`, `1234.5`, `1234`) → cents. */
export function amountCents(raw: string): Check<number> {
  if (!raw) return fail('montant manquant.');
  const compact = raw.replace(/[\s\u00a0\u202f]/g, '').replace(/€$/, '');
  const m = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(compact);
  if (!m) {
    if (compact.startsWith('-')) return fail(`montant « ${raw} » négatif : un solde est positif ou nul.`);
    if (/^\d+[.,]\d{3,}$/.test(compact) || /^\d{1,3}([.,]\d{3})+([.,]\d{1,2})?$/.test(compact)) {
      return fail(`montant « ${raw} » ambigu : euros avec au plus deux décimales (ex. 1234,56), sans séparateur de milliers.`);
    }
    return fail(`montant « ${raw} » invalide : euros avec au plus deux décimales (ex. 1234,56 ou 1234.56).`);
  }
  const cents = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? ok(cents) : fail(`montant « ${raw} » trop grand.`);
}

/** An INSEE region code; a single digit is a spreadsheet's lost leading zero (`1` → `01`). */
export function regionCode(raw: string): Check<string> {
  const code = /^\d$/.test(raw) ? `0${raw}` : raw;
  return (INSEE_REGIONS as readonly string[]).includes(code) ? ok(code) : fail(`région « ${raw} » inconnue : code INSEE attendu (${INSEE_REGIONS.join(', ')}).`);
}

export function contactEmail(raw: string): Check<string> {
  const email = raw.toLowerCase();
  if (email.length > 254 || CONTROL.test(email) || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return fail(`adresse « ${raw} » invalide.`);
  return ok(email);
}

function employerName(raw: string): Check<string> {
  if (CONTROL.test(raw)) return fail('caractères de contrôle interdits.');
  return raw.length > 255 ? fail(`nom trop long (${raw.length} caractères, 255 au plus).`) : ok(raw);
}

export function checkBalanceLine(v: Record<BalanceColumn, string>): Check<BalanceLine> {
  const checks = new LineChecks();
  const line: BalanceLine = {
    siret: checks.take('siret', siret(v.siret)),
    amountCents: checks.take('montant', amountCents(v.montant)),
    region: v.region ? checks.take('region', regionCode(v.region)) : null,
    email: v.email ? checks.take('email', contactEmail(v.email)) : null,
    name: v.nom ? checks.take('nom', employerName(v.nom)) : null,
  };
  return checks.result(() => line);
}

interface KnownRow {
  employer_siret: string;
  import_id: string | null;
  amount_cents: string;
  region: string | null;
  contact_email: string | null;
  employer_name: string;
}

const KNOWN = `
select employer_siret, import_id, amount_cents, region, contact_email, employer_name
from soltea_balance where year = ? and employer_siret = any(?::varchar[])`;

/** The names of employers not named in the file: their company's, when the portal knows the establishment. */
const NAMES = `
select e.siret, c.legal_name from establishment e join company c on c.id = e.company_id where e.siret = any(?::varchar[])`;

/** New employers are inserted, known ones corrected; `updated_at` moves only when something changed. */
const UPSERT = `
insert into soltea_balance (id, created_at, year, employer_siret, employer_siren, employer_name, region, amount_cents, contact_email, import_id, updated_at)
select r.id, now(), ?, r.siret, r.siren, r.name, r.region, r.amount, r.email, ?, now()
from jsonb_to_recordset(?::jsonb) as r(id uuid, siret varchar, siren varchar, name varchar, region varchar, amount bigint, email varchar)
on conflict (year, employer_siret) do update set
  amount_cents = excluded.amount_cents,
  region = coalesce(excluded.region, soltea_balance.region),
  contact_email = coalesce(excluded.contact_email, soltea_balance.contact_email),
  employer_name = case when excluded.employer_name <> '' then excluded.employer_name else soltea_balance.employer_name end,
  import_id = excluded.import_id,
  updated_at = case
    when soltea_balance.amount_cents is distinct from excluded.amount_cents
      or soltea_balance.region is distinct from coalesce(excluded.region, soltea_balance.region)
      or soltea_balance.contact_email is distinct from coalesce(excluded.contact_email, soltea_balance.contact_email)
      or (excluded.employer_name <> '' and soltea_balance.employer_name <> excluded.employer_name)
    then now() else soltea_balance.updated_at end`;

const toArray = (values: string[]) => `{${values.join(',')}}`;

/** The importer of one balances file for one year: a SIRET twice in the file is refused the second time (one line per employer). */
export function balanceImporter(year: number, importId: string): Importer<BalanceColumn, BalanceLine> {
  return {
    layout: BALANCE_LAYOUT,
    check: checkBalanceLine,
    async write(em: EntityManager, lines: BalanceLine[]): Promise<Written> {
      const conn = em.getConnection();
      const sirets = [...new Set(lines.map((l) => l.siret))];
      const known = new Map((await conn.execute<KnownRow[]>(KNOWN, [year, toArray(sirets)])).map((r) => [r.employer_siret, r]));
      const refused: Written['refused'] = [];
      const seen = new Set<string>();
      const accepted: BalanceLine[] = [];
      lines.forEach((line, index) => {
        if (seen.has(line.siret) || known.get(line.siret)?.import_id === importId) {
          refused.push({ index, reason: `siret : ${line.siret} figure déjà plus haut dans le fichier : une seule ligne par employeur.` });
          return;
        }
        seen.add(line.siret);
        accepted.push(line);
      });
      const unnamed = accepted.filter((l) => !l.name && !known.has(l.siret)).map((l) => l.siret);
      const names = new Map(
        unnamed.length ? (await conn.execute<{ siret: string; legal_name: string }[]>(NAMES, [toArray(unnamed)])).map((r) => [r.siret, r.legal_name]) : [],
      );
      let inserted = 0;
      let updated = 0;
      for (const line of accepted) {
        const row = known.get(line.siret);
        if (!row) inserted++;
        else if (
          Number(row.amount_cents) !== line.amountCents ||
          (line.region !== null && line.region !== row.region) ||
          (line.email !== null && line.email !== row.contact_email) ||
          (line.name !== null && line.name !== '' && line.name !== row.employer_name)
        )
          updated++;
      }
      if (accepted.length) {
        const rows = accepted.map((l) => ({
          id: randomUUID(),
          siret: l.siret,
          siren: sirenOf(l.siret),
          name: l.name ?? names.get(l.siret) ?? '',
          region: l.region,
          amount: l.amountCents,
          email: l.email,
        }));
        await conn.execute(UPSERT, [year, importId, JSON.stringify(rows)], 'run');
      }
      return { inserted, updated, refused };
    },
  };
}
