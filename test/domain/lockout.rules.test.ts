import {
  afterFailure,
  afterSuccess,
  DEFAULT_LOCKOUT_POLICY,
  isLocked,
  type LockoutPolicy,
  type LockoutState,
} from '../../domain/auth/lockout.rules';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = new Date('2026-03-02T08:00:00.000Z');
const at = (offsetMs: number) => new Date(T0.getTime() + offsetMs);
/** Epoch ms of each offset (ms after T0) — the shape of `recentFailures`. */
const epochs = (offsets: number[]) => offsets.map((offset) => at(offset).getTime());
const fresh = (): LockoutState => ({ recentFailures: [], lockouts: 0, lockedUntil: null });

/** Applies one failed login at each offset (ms after T0), in order. */
function failAt(offsets: number[], start: LockoutState = fresh(), policy?: LockoutPolicy): LockoutState {
  return offsets.reduce((state, offset) => afterFailure(state, at(offset), policy), start);
}

/** n offsets, `stepMs` apart, starting at `fromMs`. */
const series = (n: number, stepMs: number, fromMs = 0) => Array.from({ length: n }, (_, i) => fromMs + i * stepMs);

describe('DEFAULT_LOCKOUT_POLICY (DOMAIN.md: 10 failures within 12 h lock 15 min, doubling up to 24 h)', () => {
  it.each<[keyof LockoutPolicy, number]>([
    ['maxFailures', 10],
    ['windowMs', 12 * HOUR],
    ['baseLockMs', 15 * MINUTE],
    ['maxLockMs', 24 * HOUR],
  ])('%s = %d', (key, value) => {
    expect(DEFAULT_LOCKOUT_POLICY[key]).toBe(value);
  });
});

describe('isLocked', () => {
  const now = at(0);
  it.each<[string, Date | null | undefined, boolean]>([
    ['no lock', null, false],
    ['lockedUntil undefined', undefined, false],
    ['locked until one minute from now', at(MINUTE), true],
    ['locked until one millisecond from now', at(1), true],
    ['lock ending exactly now', at(0), false],
    ['lock ended a minute ago', at(-MINUTE), false],
  ])('%s → %s', (_label, lockedUntil, locked) => {
    expect(isLocked({ ...fresh(), lockedUntil }, now)).toBe(locked);
  });
});

describe('afterFailure — counting within the sliding 12 h window', () => {
  it.each([1, 2, 3, 5, 8, 9])('%d failure(s) a minute apart do not lock', (n) => {
    const offsets = series(n, MINUTE);
    const state = failAt(offsets);
    expect(state.recentFailures).toEqual(epochs(offsets));
    expect(state.lockouts).toBe(0);
    expect(state.lockedUntil ?? null).toBeNull();
    expect(isLocked(state, at(offsets[n - 1]))).toBe(false);
  });

  it.each`
    label                                                       | offsets
    ${'10 failures a minute apart'}                             | ${series(10, MINUTE)}
    ${'10 failures in the same second'}                         | ${series(10, 100)}
    ${'10 failures spread over 11 h 42'}                        | ${series(10, 78 * MINUTE)}
    ${'10th failure 1 ms before the 12 h end'}                  | ${[...series(9, MINUTE), 12 * HOUR - 1]}
    ${'10 within 12 h once an older 11th has left the window'}  | ${[0, ...series(8, MINUTE, 6 * HOUR), 12 * HOUR, 12 * HOUR + 30 * MINUTE]}
  `('$label lock for 15 min from the 10th failure', ({ offsets }: { offsets: number[] }) => {
    const last = offsets[offsets.length - 1];
    const ninth = failAt(offsets.slice(0, -1));
    expect(isLocked(ninth, at(last))).toBe(false);
    expect(ninth.recentFailures.length).toBeLessThan(DEFAULT_LOCKOUT_POLICY.maxFailures);

    const state = failAt(offsets);
    expect(state.lockouts).toBe(1);
    expect(state.lockedUntil).toEqual(at(last + 15 * MINUTE));
    expect(state.recentFailures).toEqual([]);
    expect(isLocked(state, at(last))).toBe(true);
    expect(isLocked(state, at(last + 15 * MINUTE - 1))).toBe(true);
    expect(isLocked(state, at(last + 15 * MINUTE))).toBe(false);
  });

  it.each`
    label                                                  | offsets                                                    | stillInWindow
    ${'10 failures spread over 13 h 30 (90 min apart)'}    | ${series(10, 90 * MINUTE)}                                 | ${series(8, 90 * MINUTE, 3 * HOUR)}
    ${'a failure every 80 min for two days'}               | ${series(37, 80 * MINUTE)}                                 | ${series(9, 80 * MINUTE, 28 * 80 * MINUTE)}
    ${'9 failures, then the 10th 12 h 01 after the first'} | ${[...series(9, MINUTE), 12 * HOUR + MINUTE]}              | ${[...series(7, MINUTE, 2 * MINUTE), 12 * HOUR + MINUTE]}
    ${'9 failures, a day of silence, then 1 more'}         | ${[...series(9, MINUTE), 24 * HOUR]}                       | ${[24 * HOUR]}
    ${'9 + 9 failures two days apart'}                     | ${[...series(9, MINUTE), ...series(9, MINUTE, 48 * HOUR)]} | ${series(9, MINUTE, 48 * HOUR)}
  `('$label: never 10 within 12 h, no lock', ({ offsets, stillInWindow }: { offsets: number[]; stillInWindow: number[] }) => {
    const state = failAt(offsets);
    expect(state.lockouts).toBe(0);
    expect(state.lockedUntil ?? null).toBeNull();
    expect(isLocked(state, at(offsets[offsets.length - 1]))).toBe(false);
    expect(state.recentFailures).toEqual(epochs(stillInWindow));
  });

  // DOMAIN.md: "10 failed logins within 12 h lock". Here the last 10 failures
  // all happen within 12 minutes; they straddle the end of the window opened
  // by an older, isolated failure. (A fixed window restarting at 12 h missed
  // this; the sliding window must catch it.)
  it('10 failures within 12 minutes lock, even when an older failure opened the window 12 h before', () => {
    const offsets = [0, ...series(8, MINUTE, 11 * HOUR + 51 * MINUTE), 12 * HOUR + MINUTE, 12 * HOUR + 2 * MINUTE];
    const lastTen = offsets.slice(-10);
    expect(lastTen[9] - lastTen[0]).toBeLessThan(12 * MINUTE);

    const last = offsets[offsets.length - 1];
    const state = failAt(offsets);
    expect(isLocked(state, at(last))).toBe(true);
    expect(state.lockouts).toBe(1);
    expect(state.lockedUntil).toEqual(at(last + 15 * MINUTE));
    expect(state.recentFailures).toEqual([]);
  });
});

describe('afterFailure — failures older than the window are dropped from recentFailures', () => {
  it.each`
    label                                                     | offsets                                  | stillInWindow
    ${'previous failure 12 h − 1 ms ago is kept'}             | ${[0, 12 * HOUR - 1]}                    | ${[0, 12 * HOUR - 1]}
    ${'previous failure exactly 12 h ago is dropped'}         | ${[0, 12 * HOUR]}                        | ${[12 * HOUR]}
    ${'previous failure 13 h ago is dropped'}                 | ${[0, 13 * HOUR]}                        | ${[13 * HOUR]}
    ${'hourly failures: only those of the last 12 h remain'}  | ${[...series(5, HOUR), 14 * HOUR]}       | ${[3 * HOUR, 4 * HOUR, 14 * HOUR]}
    ${'all 9 earlier failures are older than 12 h'}           | ${[...series(9, MINUTE), 13 * HOUR]}     | ${[13 * HOUR]}
  `('$label', ({ offsets, stillInWindow }: { offsets: number[]; stillInWindow: number[] }) => {
    const state = failAt(offsets);
    expect(state.recentFailures).toEqual(epochs(stillInWindow));
    expect(state.lockouts).toBe(0);
  });

  it('drops stale entries from a stored state, keeps the rest oldest first, and does not mutate its input', () => {
    const stored = epochs([-3 * 24 * HOUR, -13 * HOUR, -12 * HOUR, -11 * HOUR, -MINUTE]);
    const start: LockoutState = { recentFailures: stored, lockouts: 2, lockedUntil: at(-10 * HOUR) };
    const snapshot = [...stored];

    const state = afterFailure(start, at(0));
    expect(state.recentFailures).toEqual(epochs([-11 * HOUR, -MINUTE, 0]));
    expect(state.lockouts).toBe(2);
    expect(isLocked(state, at(0))).toBe(false);
    expect(start.recentFailures).toEqual(snapshot);
  });

  it('never holds more than maxFailures − 1 entries', () => {
    let state = fresh();
    for (const offset of series(200, 7 * MINUTE)) {
      if (isLocked(state, at(offset))) continue;
      state = afterFailure(state, at(offset));
      expect(state.recentFailures.length).toBeLessThan(DEFAULT_LOCKOUT_POLICY.maxFailures);
      expect(state.recentFailures.every((f) => at(offset).getTime() - f < DEFAULT_LOCKOUT_POLICY.windowMs)).toBe(true);
    }
  });
});

describe('afterFailure — successive lockouts double, capped at 24 h', () => {
  /** Locks `n` times in a row, each time waiting for the previous lock to end. */
  function lockRepeatedly(n: number): { state: LockoutState; lockedAt: Date } {
    let state = fresh();
    let clock = 0;
    for (let k = 0; k < n; k++) {
      if (state.lockedUntil) clock = state.lockedUntil.getTime() - T0.getTime();
      state = failAt(series(10, MINUTE, clock), state);
      clock += 9 * MINUTE;
    }
    return { state, lockedAt: at(clock) };
  }

  it.each`
    lockout | minutes
    ${1}    | ${15}
    ${2}    | ${30}
    ${3}    | ${60}
    ${4}    | ${120}
    ${5}    | ${240}
    ${6}    | ${480}
    ${7}    | ${960}
    ${8}    | ${1440}
    ${9}    | ${1440}
    ${12}   | ${1440}
  `('lockout #$lockout lasts $minutes min', ({ lockout, minutes }: { lockout: number; minutes: number }) => {
    const { state, lockedAt } = lockRepeatedly(lockout);
    expect(state.lockouts).toBe(lockout);
    expect(state.recentFailures).toEqual([]);
    expect(state.lockedUntil!.getTime() - lockedAt.getTime()).toBe(minutes * MINUTE);
    expect(minutes * MINUTE).toBeLessThanOrEqual(DEFAULT_LOCKOUT_POLICY.maxLockMs);
  });

  it.each`
    previousLockouts | minutes
    ${0}             | ${15}
    ${1}             | ${30}
    ${6}             | ${960}
    ${7}             | ${1440}
    ${30}            | ${1440}
  `('after $previousLockouts earlier lockout(s), the 10th failure locks $minutes min', ({ previousLockouts, minutes }: { previousLockouts: number; minutes: number }) => {
    const start: LockoutState = { recentFailures: epochs(series(9, MINUTE)), lockouts: previousLockouts, lockedUntil: null };
    const state = afterFailure(start, at(HOUR));
    expect(state.lockouts).toBe(previousLockouts + 1);
    expect(state.lockedUntil).toEqual(at(HOUR + minutes * MINUTE));
    expect(state.recentFailures).toEqual([]);
  });

  it('honours a policy given as configuration', () => {
    const policy: LockoutPolicy = { maxFailures: 3, windowMs: HOUR, baseLockMs: MINUTE, maxLockMs: 3 * MINUTE };
    const first = failAt(series(3, 1000), fresh(), policy);
    expect(first.lockedUntil).toEqual(at(2000 + MINUTE));
    const second = failAt(series(3, 1000, 10 * MINUTE), first, policy);
    expect(second.lockedUntil).toEqual(at(10 * MINUTE + 2000 + 2 * MINUTE));
    const third = failAt(series(3, 1000, 20 * MINUTE), second, policy);
    expect(third.lockedUntil).toEqual(at(20 * MINUTE + 2000 + 3 * MINUTE));
  });

  it('honours the configured window: 3 failures spanning one hour do not lock, spanning 59 min do', () => {
    const policy: LockoutPolicy = { maxFailures: 3, windowMs: HOUR, baseLockMs: MINUTE, maxLockMs: 3 * MINUTE };
    const spread = failAt([0, 30 * MINUTE, HOUR], fresh(), policy);
    expect(spread.lockouts).toBe(0);
    expect(spread.recentFailures).toEqual(epochs([30 * MINUTE, HOUR]));

    const tight = failAt([0, 30 * MINUTE, 59 * MINUTE], fresh(), policy);
    expect(tight.lockouts).toBe(1);
    expect(tight.lockedUntil).toEqual(at(60 * MINUTE));
    expect(tight.recentFailures).toEqual([]);
  });
});

describe('afterSuccess — resets everything', () => {
  it.each`
    label                                    | offsets
    ${'9 failures'}                          | ${series(9, MINUTE)}
    ${'a lock that has ended'}               | ${[...series(10, MINUTE), 30 * MINUTE]}
    ${'3 lockouts (the next would be 2 h)'}  | ${[...series(10, MINUTE), ...series(10, MINUTE, HOUR), ...series(10, MINUTE, 3 * HOUR)]}
  `('after $label, a success unlocks and the next lockout needs 10 new failures and lasts 15 min', ({ offsets }: { offsets: number[] }) => {
    const before = failAt(offsets);
    expect(before.recentFailures.length + before.lockouts).toBeGreaterThan(0);

    const state = afterSuccess();
    expect(state).toEqual(fresh());
    expect(state.recentFailures).toEqual([]);
    expect(isLocked(state, at(5 * HOUR))).toBe(false);

    const nine = failAt(series(9, MINUTE, 5 * HOUR), state);
    expect(nine.recentFailures).toEqual(epochs(series(9, MINUTE, 5 * HOUR)));
    expect(isLocked(nine, at(5 * HOUR + 8 * MINUTE))).toBe(false);

    const locked = afterFailure(nine, at(5 * HOUR + 9 * MINUTE));
    expect(locked.lockouts).toBe(1);
    expect(locked.lockedUntil).toEqual(at(5 * HOUR + 24 * MINUTE));
    expect(locked.recentFailures).toEqual([]);
  });
});
