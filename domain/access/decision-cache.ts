import type { Catalogue, CompanyRights } from './company-rights.read-model';

/** What a non-revoked API key stands for. */
export interface ApiKeyEntry {
  id: string;
  companyId: string;
  /** Epoch ms of the last recorded use. */
  lastUsedAt: number;
}

/** Taken before reading the database; what was read under an older stamp is not kept. */
export type CacheStamp = number;

/** Payload of a change notification meaning "any company". */
export const ANY_COMPANY = '*';

/**
 * The API process's cache of decision facts — whole companies' rights, the
 * service catalogue, who works where — and API keys. It answers only
 * while a change feed vouches for it (`open`); every change notification
 * drops what it may touch (one company's entries, or everything), and a
 * reading that overlapped a notification is not kept (stamps), so no entry
 * read before a change outlives it. While a write of this process is in
 * flight (`hold`) it answers nothing, as the feed may not have delivered
 * that write's notification yet. Bounded: the oldest entries go first.
 */
export class DecisionCache {
  /** `siret|employee|day` → employed there that day */
  private readonly employment = new Map<string, boolean>();
  /** SHA-256 of a key → what it stands for */
  private readonly keys = new Map<string, ApiKeyEntry>();
  /** company → its rights, oldest first */
  private readonly companies = new Map<string, CompanyRights>();
  /** account → its company, for the companies held */
  private readonly companyOfAccount = new Map<string, string>();
  private catalogue: Catalogue | undefined;
  private epoch = 0;
  private counts = { hits: 0, misses: 0 };
  private isOpen = false;
  private holds = 0;

  constructor(
    private readonly maxEntries = 200_000,
    private readonly maxCompanies = 50_000,
  ) {}

  /** The feed is listening: answer again, from empty. */
  open(): void {
    this.clear();
    this.isOpen = true;
  }

  /** The feed may miss changes: answer nothing until `open`. */
  close(): void {
    this.isOpen = false;
    this.clear();
  }

  /** Forgets everything, staying open or closed. */
  reset(): void {
    this.clear();
  }

  /** A write of this process begins: answer nothing until as many `release`. */
  hold(): void {
    this.holds++;
  }

  release(): void {
    this.holds = Math.max(0, this.holds - 1);
  }

  /** A committed change of one company's rights, or of anything (ANY_COMPANY). */
  changed(companyId: string): void {
    if (companyId === ANY_COMPANY) return this.clear();
    this.epoch++;
    for (const [hash, entry] of this.keys) if (entry.companyId === companyId) this.keys.delete(hash);
    this.dropCompany(companyId);
  }

  /** A stamp to read the database under, or null when nothing read now may be kept. */
  stamp(): CacheStamp | null {
    return this.serving() ? this.epoch : null;
  }

  /** Whether this employee works at the SIRET on this day, when known. */
  lookupEmployment(key: string): boolean | undefined {
    return this.serving() ? this.employment.get(key) : undefined;
  }

  storeEmployment(stamp: CacheStamp | null, key: string, employed: boolean): void {
    if (!this.keeps(stamp)) return;
    if (this.employment.size >= this.maxEntries) this.employment.delete(this.employment.keys().next().value as string);
    this.employment.set(key, employed);
  }

  /** The rights of the company of this account, when held. */
  lookupCompanyOf(accountId: string): CompanyRights | undefined {
    const companyId = this.serving() ? this.companyOfAccount.get(accountId) : undefined;
    const rights = companyId === undefined ? undefined : this.companies.get(companyId);
    if (rights) this.counts.hits++;
    else this.counts.misses++;
    return rights;
  }

  storeCompany(stamp: CacheStamp | null, rights: CompanyRights): void {
    if (!this.keeps(stamp)) return;
    this.dropCompany(rights.companyId);
    if (this.companies.size >= this.maxCompanies) this.dropCompany(this.companies.keys().next().value as string);
    this.companies.set(rights.companyId, rights);
    for (const accountId of rights.accounts.keys()) this.companyOfAccount.set(accountId, rights.companyId);
  }

  lookupCatalogue(): Catalogue | undefined {
    return this.serving() ? this.catalogue : undefined;
  }

  storeCatalogue(stamp: CacheStamp | null, catalogue: Catalogue): void {
    if (this.keeps(stamp)) this.catalogue = catalogue;
  }

  lookupKey(hash: string): ApiKeyEntry | undefined {
    return this.serving() ? this.keys.get(hash) : undefined;
  }

  storeKey(stamp: CacheStamp | null, hash: string, entry: ApiKeyEntry): void {
    if (this.keeps(stamp) && (this.keys.has(hash) || this.keys.size < this.maxEntries)) this.keys.set(hash, entry);
  }

  /** Questions answered from the cache and from the database since the start; companies held. */
  stats(): { hits: number; misses: number; companies: number; open: boolean } {
    return { ...this.counts, companies: this.companies.size, open: this.isOpen };
  }

  private keeps(stamp: CacheStamp | null): boolean {
    return stamp !== null && stamp === this.epoch && this.serving();
  }

  private serving(): boolean {
    return this.isOpen && this.holds === 0;
  }

  private dropCompany(companyId: string): void {
    const rights = this.companies.get(companyId);
    if (!rights) return;
    this.companies.delete(companyId);
    for (const accountId of rights.accounts.keys()) {
      if (this.companyOfAccount.get(accountId) === companyId) this.companyOfAccount.delete(accountId);
    }
  }

  private clear(): void {
    this.epoch++;
    this.employment.clear();
    this.keys.clear();
    this.companies.clear();
    this.companyOfAccount.clear();
    this.catalogue = undefined;
  }
}
