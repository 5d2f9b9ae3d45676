import type { Departure } from '../types';

/** Why a departure waits, in words (`app.departures.waiting.<code>`), a status in it translated too: its page and its list's export say the same. */
export const waitingReasonText = (
  reason: NonNullable<Departure['waitingReason']>,
  translate: (key: string, options?: Record<string, unknown>) => string,
): string => {
  const { status, outcome, ...params } = reason.params;
  return translate(`app.departures.waiting.${reason.code}`, {
    ...params,
    ...(status ? { status: translate(`app.enums.accountStatus.${status}`, { _: status }) } : {}),
    ...(outcome ? { outcome: translate(`app.enums.arrivalStatus.${outcome}`, { _: outcome }) } : {}),
    _: reason.code,
  });
};
