/**
 * The guard of DOMAIN.md: a request that would remove more than a share
 * (20 % by default, configurable) of the portfolio's current habilitations
 * waits for a second, explicit confirmation. Rights changed are not
 * removals. Pure function.
 */
export const QUARANTINE_REMOVAL_SHARE = 0.2;

export interface Quarantine {
  required: boolean;
  /** removed ÷ current (0 when the portfolio holds none), for the console to show. */
  share: number;
}

export function quarantineOf(removed: number, current: number, threshold = QUARANTINE_REMOVAL_SHARE): Quarantine {
  const share = current > 0 ? removed / current : 0;
  return { required: share > threshold, share };
}
