import type { temporal } from '@temporalio/proto';
import { failureSummary } from '../../domain/supervision/failure-cause.rules';
import { z } from '../http/openapi';

type Failure = temporal.api.failure.v1.IFailure;

export const ActivityFailure = {
  failure: z
    .object({ cause: z.string(), code: z.string().nullable() })
    .nullable()
    .openapi({ description: 'The last failure as a cause the console translates, and its code (never the raw message)' }),
  failureDetail: z.string().nullable().openapi({ description: 'Support only: the raw message and stack trace (may hold SQL or addresses)' }),
};

/** A pending activity's last failure as people read it; the technical detail for support only. */
export function activityFailure(failure: Failure | null | undefined, support: boolean) {
  if (!failure) return { failure: null, failureDetail: null };
  const summary = failureSummary({ type: failure.applicationFailureInfo?.type ?? null, message: failure.message ?? '', timedOut: !!failure.timeoutFailureInfo });
  return { failure: summary, failureDetail: support ? [failure.message, failure.stackTrace].filter(Boolean).join('\n') : null };
}
