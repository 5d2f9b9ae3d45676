import { identityKey } from '../account/identity.rules';
import { rightsBits } from './cell-rights.rules';
import type { CellRights } from './planned-change';

/**
 * What a plan knows of the portfolio, as plain data, held compactly (a cell
 * is one number in one map) so that a portfolio of a million habilitations
 * and a file of a million lines fit in a few tens of megabytes.
 *
 * « The declarants of the portfolio » (DOMAIN.md: an establishments line, a
 * service request, act « for all declarants of the portfolio »): there is no
 * membership table — a habilitation is granted through a portfolio
 * (habilitation.portfolio_id), to any declarant or administrator of its
 * company (api/habilitations setHabilitation). So the declarants of a
 * portfolio are the holders (`declarants`) who hold at least one
 * habilitation through it: adding a SIRET or a service never reaches a
 * colleague who has no right through this portfolio yet.
 */
export interface DeclarantFacts {
  accountId: string;
  /** The SIRET of the account's establishment: the triplet's first part. */
  siret: string;
  lastName: string;
  firstName: string;
}

export interface CellFacts {
  accountId: string;
  siret: string;
  serviceCode: string;
}

export interface HabilitationFacts extends CellFacts {
  rights: CellRights;
}

export interface PortfolioFacts {
  sirets: Iterable<string>;
  serviceCodes: Iterable<string>;
  /** Whom a triplet may name: the company's declarants and administrators not radiated (the matrix's holders). */
  declarants: Iterable<DeclarantFacts>;
  /** The habilitations granted through this portfolio. */
  habilitations: Iterable<HabilitationFacts>;
  /** Cells on this portfolio's SIRETs that the holders hold through another portfolio (a cell is unique per account × SIRET × service). */
  heldElsewhere?: Iterable<CellFacts>;
}

/** Triplets remembered as written, at most (a file names a few thousand declarants). */
const TRIPLETS_REMEMBERED = 10_000;

/** A cell's state: its rights (bits 1–4) when held here, or held through another portfolio. */
export const HELD = 8;
export const ELSEWHERE = 16;

export class PortfolioIndex {
  readonly sirets: readonly string[];
  readonly serviceCodes: readonly string[];
  /** Declarants first (their index is below `declarantCount`), then accounts met only in habilitations (radiated…). */
  readonly accountIds: string[] = [];
  private readonly declarantCount: number;
  private readonly siretAt: Map<string, number>;
  private readonly serviceAt: Map<string, number>;
  private readonly accountAt = new Map<string, number>();
  private readonly identities = new Map<string, number>();
  private readonly cells = new Map<number, number>();
  private readonly holders = new Set<number>();
  private readonly triplets = new Map<string, number | undefined>();
  private held = 0;

  constructor(portfolio: Pick<PortfolioFacts, 'sirets' | 'serviceCodes' | 'declarants'>) {
    this.sirets = [...new Set(portfolio.sirets)];
    this.serviceCodes = [...new Set(portfolio.serviceCodes)];
    this.siretAt = new Map(this.sirets.map((s, i) => [s, i]));
    this.serviceAt = new Map(this.serviceCodes.map((c, i) => [c, i]));
    for (const d of portfolio.declarants) {
      const key = identityKey(d.siret, d.lastName, d.firstName);
      if (!this.identities.has(key) && !this.accountAt.has(d.accountId)) this.identities.set(key, this.account(d.accountId));
    }
    this.declarantCount = this.accountIds.length;
  }

  /** Habilitations may be added page by page, as they are read from the database. */
  addHabilitation(h: HabilitationFacts): void {
    this.held++;
    const key = this.keyOf(h);
    if (key === undefined) return;
    this.cells.set(key, HELD | rightsBits(h.rights));
    const account = this.accountAt.get(h.accountId)!;
    if (account < this.declarantCount) this.holders.add(account);
  }

  addHeldElsewhere(c: CellFacts): void {
    const key = this.keyOf(c);
    if (key !== undefined && !this.cells.has(key)) this.cells.set(key, ELSEWHERE);
  }

  /** How many habilitations the portfolio holds now (the quarantine's base). */
  get habilitationCount(): number {
    return this.held;
  }

  siret(siret: string): number | undefined {
    return this.siretAt.get(siret);
  }

  service(serviceCode: string): number | undefined {
    return this.serviceAt.get(serviceCode);
  }

  /**
   * The declarant a triplet names, matched as the login matches it
   * (identityKey: case, accents and spaces ignored). The triplets of a file
   * repeat (one line per SIRET): the last ones met are remembered as written.
   */
  declarant(siret: string, lastName: string, firstName: string): number | undefined {
    const written = `${siret}\u0000${lastName}\u0000${firstName}`;
    if (this.triplets.has(written)) return this.triplets.get(written);
    const account = this.identities.get(identityKey(siret, lastName, firstName));
    if (this.triplets.size >= TRIPLETS_REMEMBERED) this.triplets.clear();
    this.triplets.set(written, account);
    return account;
  }

  /** The declarants of the portfolio (see above), in the order they were given. */
  portfolioDeclarants(): number[] {
    return [...this.holders].sort((a, b) => a - b);
  }

  /** 0 (no habilitation), HELD | rights, or ELSEWHERE. */
  cell(account: number, siret: number, service: number): number {
    return this.cells.get(this.key(account, siret, service)) ?? 0;
  }

  private account(accountId: string): number {
    let at = this.accountAt.get(accountId);
    if (at === undefined) {
      at = this.accountIds.push(accountId) - 1;
      this.accountAt.set(accountId, at);
    }
    return at;
  }

  /** A cell on a SIRET or a service outside the portfolio is counted, not indexed: no line of a request can name it. */
  private keyOf(c: CellFacts): number | undefined {
    const siret = this.siretAt.get(c.siret);
    const service = this.serviceAt.get(c.serviceCode);
    return siret === undefined || service === undefined ? undefined : this.key(this.account(c.accountId), siret, service);
  }

  private key(account: number, siret: number, service: number): number {
    return (account * this.sirets.length + siret) * this.serviceCodes.length + service;
  }
}

/** The index of plain facts, all at once. */
export function portfolioIndex(facts: PortfolioFacts): PortfolioIndex {
  const index = new PortfolioIndex(facts);
  for (const h of facts.habilitations) index.addHabilitation(h);
  for (const c of facts.heldElsewhere ?? []) index.addHeldElsewhere(c);
  return index;
}
