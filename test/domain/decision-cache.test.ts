import type { CompanyRights } from '../../domain/access/company-rights.read-model';
import { ANY_COMPANY, DecisionCache } from '../../domain/access/decision-cache';

const rightsOf = (companyId: string, accounts: string[]): CompanyRights => ({
  companyId,
  accounts: new Map(accounts.map((a) => [a, { active: true }])),
  establishments: new Set(),
  habilitations: new Map(),
  portfolioCells: new Set(),
  ownFilings: new Map(),
  companyFilings: new Map(),
});
const key = (companyId: string) => ({ id: `key-${companyId}`, companyId, lastUsedAt: 0 });

function openCache(maxEntries?: number, maxCompanies?: number): DecisionCache {
  const cache = new DecisionCache(maxEntries, maxCompanies);
  cache.open();
  return cache;
}

describe('DecisionCache', () => {
  it('answers nothing and keeps nothing until its feed opens it, nor after the feed is lost', () => {
    const cache = new DecisionCache();
    expect(cache.stamp()).toBeNull();
    cache.storeCompany(0, rightsOf('A', ['a1']));
    expect(cache.lookupCompanyOf('a1')).toBeUndefined();

    cache.open();
    cache.storeCompany(cache.stamp(), rightsOf('A', ['a1']));
    expect(cache.lookupCompanyOf('a1')?.companyId).toBe('A');

    cache.close();
    expect(cache.lookupCompanyOf('a1')).toBeUndefined();
    cache.open();
    expect(cache.lookupCompanyOf('a1')).toBeUndefined();
  });

  it('holds whole companies, found by any of their accounts; a change of company A drops A’s rights and keys, not B’s', () => {
    const cache = openCache();
    cache.storeCompany(cache.stamp(), rightsOf('A', ['a1', 'a2']));
    cache.storeCompany(cache.stamp(), rightsOf('B', ['b1']));
    cache.storeKey(cache.stamp(), 'ka', key('A'));
    cache.storeKey(cache.stamp(), 'kb', key('B'));
    cache.storeCatalogue(cache.stamp(), new Map());
    cache.storeEmployment(cache.stamp(), 's|e|d', true);
    expect(cache.lookupCompanyOf('a2')?.companyId).toBe('A');
    expect(cache.lookupCompanyOf('zz')).toBeUndefined();

    cache.changed('A');
    expect(cache.lookupCompanyOf('a1')).toBeUndefined();
    expect(cache.lookupKey('ka')).toBeUndefined();
    expect(cache.lookupCompanyOf('b1')?.companyId).toBe('B');
    expect(cache.lookupKey('kb')?.companyId).toBe('B');
    expect(cache.lookupCatalogue()).toBeDefined();
    expect(cache.lookupEmployment('s|e|d')).toBe(true);
  });

  it('a change of any company drops everything: companies, keys, catalogue, employment', () => {
    const cache = openCache();
    cache.storeCompany(cache.stamp(), rightsOf('B', ['b1']));
    cache.storeKey(cache.stamp(), 'kb', key('B'));
    cache.storeCatalogue(cache.stamp(), new Map());
    cache.storeEmployment(cache.stamp(), 's|e|d', false);
    cache.changed(ANY_COMPANY);
    expect(cache.lookupCompanyOf('b1')).toBeUndefined();
    expect(cache.lookupKey('kb')).toBeUndefined();
    expect(cache.lookupCatalogue()).toBeUndefined();
    expect(cache.lookupEmployment('s|e|d')).toBeUndefined();
    expect(cache.stats().companies).toBe(0);
  });

  it('does not keep what was read before a change arrived (the stamp is stale)', () => {
    const cache = openCache();
    const before = cache.stamp();
    cache.changed('B');
    cache.storeCompany(before, rightsOf('A', ['a1']));
    cache.storeKey(before, 'ka', key('A'));
    cache.storeCatalogue(before, new Map());
    cache.storeEmployment(before, 's|e|d', true);
    expect(cache.lookupCompanyOf('a1')).toBeUndefined();
    expect(cache.lookupKey('ka')).toBeUndefined();
    expect(cache.lookupCatalogue()).toBeUndefined();
    expect(cache.lookupEmployment('s|e|d')).toBeUndefined();
  });

  it('answers nothing while a write of its process is in flight, and keeps nothing read then', () => {
    const cache = openCache();
    cache.storeCompany(cache.stamp(), rightsOf('A', ['a1']));
    cache.hold();
    cache.hold();
    expect(cache.lookupCompanyOf('a1')).toBeUndefined();
    expect(cache.stamp()).toBeNull();
    cache.release();
    expect(cache.lookupCompanyOf('a1')).toBeUndefined();
    cache.release();
    expect(cache.lookupCompanyOf('a1')?.companyId).toBe('A');
  });

  it('is bounded: the oldest company and the oldest employment facts go first', () => {
    const cache = openCache(2, 2);
    for (const c of ['A', 'B', 'C']) cache.storeCompany(cache.stamp(), rightsOf(c, [`${c}1`]));
    expect(cache.lookupCompanyOf('A1')).toBeUndefined();
    expect(cache.lookupCompanyOf('C1')?.companyId).toBe('C');
    expect(cache.stats().companies).toBe(2);
    for (const e of ['e1', 'e2', 'e3']) cache.storeEmployment(cache.stamp(), e, true);
    expect(cache.lookupEmployment('e1')).toBeUndefined();
    expect(cache.lookupEmployment('e3')).toBe(true);
  });

  it('counts hits and misses', () => {
    const cache = openCache();
    cache.lookupCompanyOf('a1');
    cache.storeCompany(cache.stamp(), rightsOf('A', ['a1']));
    cache.lookupCompanyOf('a1');
    expect(cache.stats()).toEqual({ hits: 1, misses: 1, companies: 1, open: true });
  });
});
