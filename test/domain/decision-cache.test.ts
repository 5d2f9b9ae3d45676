import { ANY_COMPANY, DecisionCache, type CachedPair } from '../../domain/access/decision-cache';
import { OUT_OF_SCOPE } from '../../domain/access/decision.read-model';

const pair = (companyId: string): CachedPair => ({ ...OUT_OF_SCOPE, companyId });
const key = (companyId: string) => ({ id: `key-${companyId}`, companyId, lastUsedAt: 0 });

function openCache(maxEntries?: number): DecisionCache {
  const cache = new DecisionCache(maxEntries);
  cache.open();
  return cache;
}

describe('DecisionCache', () => {
  it('answers nothing and keeps nothing until its feed opens it, nor after the feed is lost', () => {
    const cache = new DecisionCache();
    expect(cache.stamp()).toBeNull();
    cache.storePair(0, 'p', pair('A'));
    expect(cache.lookupPair('p')).toBeUndefined();

    cache.open();
    cache.storePair(cache.stamp(), 'p', pair('A'));
    expect(cache.lookupPair('p')?.companyId).toBe('A');

    cache.close();
    expect(cache.lookupPair('p')).toBeUndefined();
    cache.open();
    expect(cache.lookupPair('p')).toBeUndefined();
  });

  it('a change of company A drops A’s pairs and keys, not B’s; a change of any company drops all', () => {
    const cache = openCache();
    cache.storePair(cache.stamp(), 'a', pair('A'));
    cache.storePair(cache.stamp(), 'b', pair('B'));
    cache.storeKey(cache.stamp(), 'ka', key('A'));
    cache.storeKey(cache.stamp(), 'kb', key('B'));

    cache.changed('A');
    expect(cache.lookupPair('a')).toBeUndefined();
    expect(cache.lookupKey('ka')).toBeUndefined();
    expect(cache.lookupPair('b')?.companyId).toBe('B');
    expect(cache.lookupKey('kb')?.companyId).toBe('B');

    cache.changed(ANY_COMPANY);
    expect(cache.lookupPair('b')).toBeUndefined();
    expect(cache.lookupKey('kb')).toBeUndefined();
  });

  it('does not keep what was read before a change arrived (the stamp is stale)', () => {
    const cache = openCache();
    const before = cache.stamp();
    cache.changed('B');
    cache.storePair(before, 'a', pair('A'));
    cache.storeKey(before, 'ka', key('A'));
    expect(cache.lookupPair('a')).toBeUndefined();
    expect(cache.lookupKey('ka')).toBeUndefined();
  });

  it('answers nothing while a write of its process is in flight, and keeps nothing read then', () => {
    const cache = openCache();
    cache.storePair(cache.stamp(), 'a', pair('A'));
    cache.hold();
    cache.hold();
    expect(cache.lookupPair('a')).toBeUndefined();
    expect(cache.stamp()).toBeNull();
    cache.release();
    expect(cache.lookupPair('a')).toBeUndefined();
    cache.release();
    expect(cache.lookupPair('a')?.companyId).toBe('A');
  });

  it('is bounded: the oldest pair goes first, and a dropped pair leaves its company index', () => {
    const cache = openCache(2);
    for (const k of ['p1', 'p2', 'p3']) cache.storePair(cache.stamp(), k, pair('A'));
    expect(cache.lookupPair('p1')).toBeUndefined();
    expect(cache.lookupPair('p2')).toBeDefined();
    expect(cache.lookupPair('p3')).toBeDefined();
    expect(cache.stats().entries).toBe(2);
    cache.changed('A');
    expect(cache.stats().entries).toBe(0);
  });

  it('counts hits and misses', () => {
    const cache = openCache();
    cache.lookupPair('p');
    cache.storePair(cache.stamp(), 'p', pair('A'));
    cache.lookupPair('p');
    expect(cache.stats()).toEqual({ hits: 1, misses: 1, entries: 1, open: true });
  });
});
