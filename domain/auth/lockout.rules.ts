/**
 * Login lockout (DOMAIN.md): `maxFailures` failed logins within `window` lock
 * the identity for `baseLock`, doubling at each new lockout up to `maxLock`.
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
  failedLogins: number;
  firstFailedLoginAt?: Date | null;
  lockouts: number;
  lockedUntil?: Date | null;
}

export function isLocked(state: LockoutState, now: Date): boolean {
  return !!state.lockedUntil && state.lockedUntil > now;
}

export function afterFailure(state: LockoutState, now: Date, policy = DEFAULT_LOCKOUT_POLICY): LockoutState {
  const windowOpen =
    state.firstFailedLoginAt && now.getTime() - state.firstFailedLoginAt.getTime() < policy.windowMs;
  const failedLogins = windowOpen ? state.failedLogins + 1 : 1;
  const firstFailedLoginAt = windowOpen ? state.firstFailedLoginAt : now;
  if (failedLogins < policy.maxFailures) {
    return { ...state, failedLogins, firstFailedLoginAt };
  }
  const lockMs = Math.min(policy.baseLockMs * 2 ** state.lockouts, policy.maxLockMs);
  return {
    failedLogins: 0,
    firstFailedLoginAt: null,
    lockouts: state.lockouts + 1,
    lockedUntil: new Date(now.getTime() + lockMs),
  };
}

export function afterSuccess(): LockoutState {
  return { failedLogins: 0, firstFailedLoginAt: null, lockouts: 0, lockedUntil: null };
}
