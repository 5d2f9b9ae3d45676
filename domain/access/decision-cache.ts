import type { PairFacts } from './decision.read-model';

/** What a non-revoked API key stands for. */
export interface ApiKeyEntry {
  id: string;
  companyId: string;
  /** Epoch ms of the last recorded use. */
  lastUsedAt: number;
}

/** The facts of an (account, SIRET) pair whose account exists, in its company. */
export type CachedPair = PairFacts & { companyId: string };

/** Taken before reading the database; what was read under an older stamp is not kept. */
export type CacheStamp = number;

/** Payload of a change notification meaning "any company". */
export const ANY_COMPANY = '*';

/**
 * The API process's cache of decision facts and API keys. It answers only
 * while a change feed vouches for it (`open`); every change notification
 * drops what it may touch (one company's entries, or everything), and a
 * reading that overlapped a notification is not kept (stamps), so no entry
 * read before a change outlives it. While a write of this process is in
 * flight (`hold`) it answers nothing, as the feed may not have delivered
 * that write's notification yet. Bounded: the oldest entries go first.
 */
export class DecisionCache {
  /** pair key → facts, oldest first */
  private readonly pairs = new Map<string, CachedPair>();
  /** company of the account asked about → its pair keys */
  private readonly byCompany = new Map<string, Set<string>>();
  /** SHA-256 of a key → what it stands for */
  private readonly keys = new Map<string, ApiKeyEntry>();
  private epoch = 0;
  private counts = { hits: 0, misses: 0 };
  private isOpen = false;
  private holds = 0;

  constructor(private readonly maxEntries = 200_000) {}

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
    for (const key of this.byCompany.get(companyId) ?? []) this.pairs.delete(key);
    this.byCompany.delete(companyId);
    for (const [hash, entry] of this.keys) if (entry.companyId === companyId) this.keys.delete(hash);
  }

  /** A stamp to read the database under, or null when nothing read now may be kept. */
  stamp(): CacheStamp | null {
    return this.serving() ? this.epoch : null;
  }

  lookupPair(key: string): CachedPair | undefined {
    const hit = this.serving() ? this.pairs.get(key) : undefined;
    if (hit) this.counts.hits++;
    else this.counts.misses++;
    return hit;
  }

  storePair(stamp: CacheStamp | null, key: string, entry: CachedPair): void {
    if (!this.keeps(stamp)) return;
    if (!this.pairs.has(key)) this.makeRoom();
    this.pairs.set(key, entry);
    let keys = this.byCompany.get(entry.companyId);
    if (!keys) this.byCompany.set(entry.companyId, (keys = new Set()));
    keys.add(key);
  }

  lookupKey(hash: string): ApiKeyEntry | undefined {
    return this.serving() ? this.keys.get(hash) : undefined;
  }

  storeKey(stamp: CacheStamp | null, hash: string, entry: ApiKeyEntry): void {
    if (this.keeps(stamp) && (this.keys.has(hash) || this.keys.size < this.maxEntries)) this.keys.set(hash, entry);
  }

  /** Pairs answered from the cache and from the database since the start. */
  stats(): { hits: number; misses: number; entries: number; open: boolean } {
    return { ...this.counts, entries: this.pairs.size, open: this.isOpen };
  }

  private keeps(stamp: CacheStamp | null): boolean {
    return stamp !== null && stamp === this.epoch && this.serving();
  }

  private serving(): boolean {
    return this.isOpen && this.holds === 0;
  }

  private makeRoom(): void {
    if (this.pairs.size < this.maxEntries) return;
    const oldest = this.pairs.keys().next().value as string;
    const entry = this.pairs.get(oldest)!;
    this.pairs.delete(oldest);
    this.byCompany.get(entry.companyId)?.delete(oldest);
  }

  private clear(): void {
    this.epoch++;
    this.pairs.clear();
    this.byCompany.clear();
    this.keys.clear();
  }
}
