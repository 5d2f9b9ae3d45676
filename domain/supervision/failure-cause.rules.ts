/**
 * What a person is told about an activity's last failure: a stable cause
 * (translated by the console) and, for a business refusal, its code. The
 * failure's own message may carry SQL, addresses or data: it stays for
 * support, behind a click.
 */
export const FAILURE_CAUSES = [
  'SERVICE_UNREACHABLE',
  'DATABASE_UNAVAILABLE',
  'DATABASE_CONSTRAINT',
  'DATABASE_ERROR',
  'TIMEOUT',
  'BUSINESS_RULE',
  'UNEXPECTED',
] as const;
export type FailureCause = (typeof FAILURE_CAUSES)[number];

export interface FailureFacts {
  /** The ApplicationFailure's type (an error's class name, or our code such as MAIL.REJECTED). */
  type: string | null;
  message: string;
  timedOut: boolean;
}

export interface FailureSummary {
  cause: FailureCause;
  /** Our own failure code (BUSINESS_RULE), else the error's class name, if any. */
  code: string | null;
}

const NETWORK = /\b(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EAI_AGAIN|ESOCKET|ECONNECTION|EPIPE)\b/;
/** What SMTP clients say when the server hangs up or never greets. */
const HUNG_UP = /Greeting never received|Connection closed unexpectedly|Unexpected socket close|socket hang up/i;
const DATABASE_DOWN = /^(ConnectionException|ConnectionError)$|terminating connection|Connection terminated|the database system is (starting up|shutting down)/;
const CONSTRAINT = /ConstraintViolationException$/;
/** Our failure types are dotted codes (DOMAIN.CODE). */
const OWN_CODE = /^[A-Z][A-Z0-9_]*\.[A-Z][A-Z0-9_.]*$/;

export function failureSummary({ type, message, timedOut }: FailureFacts): FailureSummary {
  if (timedOut) return { cause: 'TIMEOUT', code: null };
  if (type && OWN_CODE.test(type)) return { cause: 'BUSINESS_RULE', code: type };
  if (DATABASE_DOWN.test(type ?? '') || DATABASE_DOWN.test(message)) return { cause: 'DATABASE_UNAVAILABLE', code: type };
  if (type && CONSTRAINT.test(type)) return { cause: 'DATABASE_CONSTRAINT', code: type };
  if (NETWORK.test(message)) return { cause: 'SERVICE_UNREACHABLE', code: NETWORK.exec(message)![1] };
  if (HUNG_UP.test(message)) return { cause: 'SERVICE_UNREACHABLE', code: null };
  if (type && /Exception$/.test(type)) return { cause: 'DATABASE_ERROR', code: type };
  return { cause: 'UNEXPECTED', code: type };
}
