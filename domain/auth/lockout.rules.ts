/**
 * Login lockout (DOMAIN.md): `maxFailures` failed logins within any sliding
 * `window` lock the identity for `baseLock`, doubling at each new lockout up
 * to `maxLock`.
 */
export interface LockoutPolicy {
  maxFailures: number;
  windowMs: number;
  baseLockMs: number;
  maxLockMs: number;
}

export const DEFAULT_LOCKOUT_POLICY: LockoutPolicy = {
  maxFailures: 10,
  windowMs: 12 * 3600_000,
  baseLockMs: 15 * 60_000,
  maxLockMs: 24 * 3600_000,
};

export interface LockoutState {
  /** Times (epoch ms, oldest first) of the failures still inside the window; at most maxFailures − 1. */
  recentFailures: number[];
  lockouts: number;
  lockedUntil?: Date | null;
}

export function isLocked(state: Pick<LockoutState, 'lockedUntil'>, now: Date): boolean {
  return !!state.lockedUntil && state.lockedUntil > now;
}

export function afterFailure(state: LockoutState, now: Date, policy = DEFAULT_LOCKOUT_POLICY): LockoutState {
  const t = now.getTime();
  const recentFailures = [...state.recentFailures.filter((f) => t - f < policy.windowMs), t];
  if (recentFailures.length < policy.maxFailures) {
    return { ...state, recentFailures };
  }
  const lockMs = Math.min(policy.baseLockMs * 2 ** state.lockouts, policy.maxLockMs);
  return { recentFailures: [], lockouts: state.lockouts + 1, lockedUntil: new Date(t + lockMs) };
}

export function afterSuccess(): LockoutState {
  return { recentFailures: [], lockouts: 0, lockedUntil: null };
}
