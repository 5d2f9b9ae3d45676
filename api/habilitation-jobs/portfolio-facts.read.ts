import type { EntityManager } from '@mikro-orm/postgresql';
import { PortfolioIndex, type DeclarantFacts } from '../../domain/habilitation-files/portfolio-index';
import type { CellRights } from '../../domain/habilitation-files/planned-change';

/** Rows per page: the habilitations of a large portfolio are read by keyset pages, never all at once. */
const PAGE = 10_000;

export interface PortfolioLists {
  sirets: string[];
  serviceCodes: string[];
}

/** A portfolio's SIRETs and service codes, in a stable order. */
export async function portfolioLists(em: EntityManager, portfolioId: string): Promise<PortfolioLists> {
  const sirets = await em.execute<{ siret: string }[]>('select siret from portfolio_establishment where portfolio_id = ? order by siret', [portfolioId]);
  const services = await em.execute<{ service_code: string }[]>('select service_code from portfolio_service where portfolio_id = ? order by service_code', [portfolioId]);
  return { sirets: sirets.map((r) => r.siret), serviceCodes: services.map((r) => r.service_code) };
}

/** Whom a triplet may name: the company's declarants and administrators not radiated, with their establishment's SIRET. */
async function declarantsOf(em: EntityManager, companyId: string): Promise<DeclarantFacts[]> {
  const rows = await em.execute<{ id: string; siret: string; last_name: string; first_name: string }[]>(
    `select a.id, e.siret, a.last_name, a.first_name from account a join establishment e on e.id = a.establishment_id
      where a.company_id = ? and a.role in ('DECLARANT', 'ADMINISTRATOR') and a.status <> 'RADIATED' order by a.created_at, a.id`,
    [companyId],
  );
  return rows.map((r) => ({ accountId: r.id, siret: r.siret, lastName: r.last_name, firstName: r.first_name }));
}

interface HabilitationRow {
  id: string;
  account_id: string;
  siret: string;
  service_code: string;
  can_declare: boolean;
  can_pay: boolean;
  can_consult: boolean;
}

/** Keyset pages of a query ordered by id (`?` last for the id after which to read). */
async function* pages<T extends { id: string }>(em: EntityManager, sql: string, params: unknown[]): AsyncGenerator<T[]> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await em.execute<T[]>(`${sql} and h.id > ? order by h.id limit ${PAGE}`, [...params, after]);
    if (rows.length) yield rows;
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1].id;
  }
}

/**
 * The index a plan reads the portfolio through (domain/habilitation-files
 * PortfolioIndex), built from the database: its SIRETs and services, the
 * company's holders, its habilitations page by page, and the cells on its
 * SIRETs and services held through another portfolio.
 */
export async function loadPortfolioIndex(em: EntityManager, portfolioId: string, companyId: string): Promise<PortfolioIndex> {
  const { sirets, serviceCodes } = await portfolioLists(em, portfolioId);
  const index = new PortfolioIndex({ sirets, serviceCodes, declarants: await declarantsOf(em, companyId) });
  const own = 'select h.id, h.account_id, h.siret, h.service_code, h.can_declare, h.can_pay, h.can_consult from habilitation h where h.portfolio_id = ?';
  for await (const rows of pages<HabilitationRow>(em, own, [portfolioId])) {
    for (const r of rows) index.addHabilitation({ accountId: r.account_id, siret: r.siret, serviceCode: r.service_code, rights: { canDeclare: r.can_declare, canPay: r.can_pay, canConsult: r.can_consult } });
  }
  const elsewhere = `select h.id, h.account_id, h.siret, h.service_code from habilitation h
    where h.portfolio_id <> ? and h.siret in (select siret from portfolio_establishment where portfolio_id = ?)
      and h.service_code in (select service_code from portfolio_service where portfolio_id = ?)`;
  for await (const rows of pages<HabilitationRow>(em, elsewhere, [portfolioId, portfolioId, portfolioId])) {
    for (const r of rows) index.addHeldElsewhere({ accountId: r.account_id, siret: r.siret, serviceCode: r.service_code });
  }
  return index;
}

export interface ExportRow {
  siret: string;
  declarant: { siret: string; lastName: string; firstName: string };
  rights: Map<string, CellRights>;
}

interface CellRow {
  account_id: string;
  siret: string;
  service_code: string;
  declarant_siret: string;
  last_name: string;
  first_name: string;
  can_declare: boolean;
  can_pay: boolean;
  can_consult: boolean;
}

/**
 * The portfolio's habilitations as export lines (one per declarant × SIRET),
 * by keyset pages over (account, SIRET): one page of cells in memory at a time.
 */
export async function* exportRows(em: EntityManager, portfolioId: string): AsyncGenerator<ExportRow[]> {
  let after: [string, string] = ['00000000-0000-0000-0000-000000000000', ''];
  for (;;) {
    // Whole (account, SIRET) rows per page: the page's limit is on rows, its cells follow.
    const keys = await em.execute<{ account_id: string; siret: string }[]>(
      `select distinct h.account_id, h.siret from habilitation h where h.portfolio_id = ? and (h.account_id, h.siret) > (?::uuid, ?)
        order by h.account_id, h.siret limit ${PAGE}`,
      [portfolioId, ...after],
    );
    if (!keys.length) return;
    const last = keys[keys.length - 1];
    const cells = await em.execute<CellRow[]>(
      `select h.account_id, h.siret, h.service_code, e.siret as declarant_siret, a.last_name, a.first_name, h.can_declare, h.can_pay, h.can_consult
         from habilitation h join account a on a.id = h.account_id join establishment e on e.id = a.establishment_id
        where h.portfolio_id = ? and (h.account_id, h.siret) > (?::uuid, ?) and (h.account_id, h.siret) <= (?::uuid, ?)
        order by h.account_id, h.siret`,
      [portfolioId, ...after, last.account_id, last.siret],
    );
    const rows: ExportRow[] = [];
    let rowKey = '';
    for (const c of cells) {
      const key = `${c.account_id}|${c.siret}`;
      if (key !== rowKey) {
        rowKey = key;
        rows.push({ siret: c.siret, declarant: { siret: c.declarant_siret, lastName: c.last_name, firstName: c.first_name }, rights: new Map() });
      }
      rows[rows.length - 1].rights.set(c.service_code, { canDeclare: c.can_declare, canPay: c.can_pay, canConsult: c.can_consult });
    }
    yield rows;
    if (keys.length < PAGE) return;
    after = [last.account_id, last.siret];
  }
}
