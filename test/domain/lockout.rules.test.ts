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
const fresh = (): LockoutState => ({ failedLogins: 0, firstFailedLoginAt: null, lockouts: 0, lockedUntil: null });

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

describe('afterFailure — counting within the 12 h window', () => {
  it.each([1, 2, 3, 5, 8, 9])('%d failure(s) a minute apart do not lock', (n) => {
    const offsets = series(n, MINUTE);
    const state = failAt(offsets);
    expect(state.failedLogins).toBe(n);
    expect(state.firstFailedLoginAt).toEqual(T0);
    expect(state.lockouts).toBe(0);
    expect(isLocked(state, at(offsets[n - 1]))).toBe(false);
  });

  it.each`
    label                                      | offsets
    ${'10 failures a minute apart'}            | ${series(10, MINUTE)}
    ${'10 failures in the same second'}        | ${series(10, 100)}
    ${'10 failures spread over 11 h 42'}       | ${series(10, 78 * MINUTE)}
    ${'10th failure 1 ms before the 12 h end'} | ${[...series(9, MINUTE), 12 * HOUR - 1]}
  `('$label lock for 15 min from the 10th failure', ({ offsets }: { offsets: number[] }) => {
    const last = offsets[offsets.length - 1];
    const ninth = failAt(offsets.slice(0, -1));
    expect(isLocked(ninth, at(last))).toBe(false);

    const state = failAt(offsets);
    expect(state.lockouts).toBe(1);
    expect(state.lockedUntil).toEqual(at(last + 15 * MINUTE));
    expect(state.failedLogins).toBe(0);
    expect(isLocked(state, at(last))).toBe(true);
    expect(isLocked(state, at(last + 15 * MINUTE - 1))).toBe(true);
    expect(isLocked(state, at(last + 15 * MINUTE))).toBe(false);
  });

  it.each`
    label                                                  | offsets                                         | failedLogins | firstAt
    ${'10 failures spread over 13 h 30 (90 min apart)'}    | ${series(10, 90 * MINUTE)}                      | ${2}         | ${12 * HOUR}
    ${'9 failures, then the 10th 12 h 01 after the first'} | ${[...series(9, MINUTE), 12 * HOUR + MINUTE]}   | ${1}         | ${12 * HOUR + MINUTE}
    ${'9 failures, a day of silence, then 1 more'}         | ${[...series(9, MINUTE), 24 * HOUR]}            | ${1}         | ${24 * HOUR}
    ${'9 + 9 failures two days apart'}                     | ${[...series(9, MINUTE), ...series(9, MINUTE, 48 * HOUR)]} | ${9} | ${48 * HOUR}
  `('$label: the count restarts, no lock', ({ offsets, failedLogins, firstAt }: { offsets: number[]; failedLogins: number; firstAt: number }) => {
    const state = failAt(offsets);
    expect(state.lockouts).toBe(0);
    expect(isLocked(state, at(offsets[offsets.length - 1]))).toBe(false);
    expect(state.failedLogins).toBe(failedLogins);
    expect(state.firstFailedLoginAt).toEqual(at(firstAt));
  });

  // DOMAIN.md: "10 failed logins within 12 h lock". Here the last 10 failures
  // all happen within 12 minutes; they straddle the end of the window opened
  // by an older, isolated failure.
  it('10 failures within 12 minutes lock, even when an older failure opened the window 12 h before', () => {
    const offsets = [0, ...series(8, MINUTE, 11 * HOUR + 50 * MINUTE), 12 * HOUR + MINUTE, 12 * HOUR + 2 * MINUTE];
    const lastTen = offsets.slice(-10);
    expect(lastTen[9] - lastTen[0]).toBeLessThan(12 * MINUTE);

    const state = failAt(offsets);
    expect(isLocked(state, at(offsets[offsets.length - 1]))).toBe(true);
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
    const start: LockoutState = { failedLogins: 9, firstFailedLoginAt: at(0), lockouts: previousLockouts, lockedUntil: null };
    const state = afterFailure(start, at(HOUR));
    expect(state.lockouts).toBe(previousLockouts + 1);
    expect(state.lockedUntil).toEqual(at(HOUR + minutes * MINUTE));
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
});

describe('afterSuccess — resets everything', () => {
  it.each`
    label                                    | offsets
    ${'9 failures'}                          | ${series(9, MINUTE)}
    ${'a lock that has ended'}               | ${[...series(10, MINUTE), 30 * MINUTE]}
    ${'3 lockouts (the next would be 2 h)'}  | ${[...series(10, MINUTE), ...series(10, MINUTE, HOUR), ...series(10, MINUTE, 3 * HOUR)]}
  `('after $label, a success unlocks and the next lockout needs 10 new failures and lasts 15 min', ({ offsets }: { offsets: number[] }) => {
    const before = failAt(offsets);
    expect(before.failedLogins + before.lockouts).toBeGreaterThan(0);

    const state = afterSuccess();
    expect(state).toEqual(fresh());
    expect(isLocked(state, at(5 * HOUR))).toBe(false);

    const nine = failAt(series(9, MINUTE, 5 * HOUR), state);
    expect(nine.failedLogins).toBe(9);
    expect(isLocked(nine, at(5 * HOUR + 8 * MINUTE))).toBe(false);

    const locked = afterFailure(nine, at(5 * HOUR + 9 * MINUTE));
    expect(locked.lockouts).toBe(1);
    expect(locked.lockedUntil).toEqual(at(5 * HOUR + 24 * MINUTE));
  });
});
