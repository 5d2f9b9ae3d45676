import { HttpError, useLocale, useTranslate } from 'react-admin';
import { dayText } from './preventionFormat';
import type { LineRefusal } from './types';

/** The API's refusal shape: `{ code, message, errors? }` and the code's own details (opensOn, lines, ids). */
export interface PreventionErrorBody {
  code?: string;
  message?: string;
  errors?: Record<string, string>;
  opensOn?: string;
  /** PREVENTION.CSV_UNREADABLE: the file's line that cannot be read. */
  line?: number;
  lines?: { id: string; reason: LineRefusal }[];
  ids?: string[];
}

export const errorBody = (error: unknown): PreventionErrorBody | undefined =>
  error instanceof HttpError && error.body && typeof error.body === 'object' ? (error.body as PreventionErrorBody) : undefined;

/** The codes the console words itself (app.prevention.errors.<code without its prefix>); any other shows the server's message. */
const KNOWN = new Set([
  'PREVENTION.DECLARANT_NOT_FOUND',
  'PREVENTION.DECLARATION_NOT_FOUND',
  'PREVENTION.LEARNER_NOT_FOUND',
  'PREVENTION.SUPPORT_READ_ONLY',
  'PREVENTION.NOT_OPEN_YET',
  'PREVENTION.NOT_VERIFIABLE',
  'PREVENTION.NIR_LENGTH',
  'PREVENTION.NIR_FORMAT',
  'PREVENTION.NIR_KEY',
  'PREVENTION.DATE_INVALID',
  'PREVENTION.DATE_ORDER',
  'PREVENTION.DATE_FUTURE',
  'PREVENTION.PROOF_DATE_REQUIRED',
  'PREVENTION.PROOF_DATE_UNEXPECTED',
  'PREVENTION.EMPLOYER_NOT_ACTIVE',
  'PREVENTION.NOT_OWN_EMPLOYEE',
  'PREVENTION.OWN_EMPLOYEE',
  'PREVENTION.LEARNER_TWICE',
  'PREVENTION.ALREADY_DECLARED',
  'PREVENTION.REASON_REQUIRED',
  'PREVENTION.DATE_PAST',
  'PREVENTION.WINDOW_CLOSED',
  'PREVENTION.WINDOW_NOT_FOUND',
  'PREVENTION.NOT_CSV',
  'PREVENTION.CSV_EMPTY',
  'PREVENTION.CSV_COLUMNS',
  'PREVENTION.CSV_UNREADABLE',
  'PREVENTION.FILE_TOO_LARGE',
  'PREVENTION.DECLARATION_REJECTED',
  'PREVENTION.REFERENCE_MISMATCH',
  'PREVENTION.VALUE_REQUIRED',
  'PREVENTION.NIR_MISPLACED',
  'PREVENTION.CHECK_NOT_FOUND',
  'PREVENTION.CHECK_CLOSED',
  'PREVENTION.CHECK_RUN_EXISTS',
  'PREVENTION.CHECK_YEAR_FUTURE',
  'VALIDATION.FAILED',
  'VALIDATION.UNKNOWN_FIELD',
]);

const keyOf = (code: string) => `app.prevention.errors.${code.replace('.', '_')}`;

/** A code of the passport in words (an import's rejected line, a refusal); `fallback` when the console does not know it. */
export const useCodeText = () => {
  const translate = useTranslate();
  const locale = useLocale();
  return (code: string | null | undefined, fallback: string, details: Pick<PreventionErrorBody, 'opensOn' | 'line' | 'errors'> = {}) =>
    code && KNOWN.has(code)
      ? translate(keyOf(code), {
          _: fallback,
          opensOn: details.opensOn ? dayText(details.opensOn, locale) : '',
          line: details.line ?? '',
          columns: Object.keys(details.errors ?? {}).join(', '),
        })
      : fallback;
};

/**
 * A refusal of the passport's API as people read it, in the console's
 * language, from its code and parameters (the day a service opens); the
 * server's message for a code the console does not know.
 */
export const usePreventionErrorText = () => {
  const translate = useTranslate();
  const codeText = useCodeText();
  return (error: unknown): string => {
    const body = errorBody(error);
    const fallback = body?.message ?? (error instanceof Error ? error.message : translate('ra.notification.http_error'));
    return codeText(body?.code, fallback, body ?? {});
  };
};

/**
 * The field errors of a refusal, for the form's inputs: a business refusal
 * names one field, worded from its code; a validation refusal keeps the
 * server's words for each field.
 */
export const usePreventionFieldErrors = () => {
  const codeText = useCodeText();
  return (error: unknown): Record<string, string> | undefined => {
    const body = errorBody(error);
    if (!body?.errors) return undefined;
    const entries = Object.entries(body.errors);
    const business = body.code?.startsWith('PREVENTION.') && entries.length === 1;
    return Object.fromEntries(entries.map(([field, message]) => [field, business ? codeText(body.code, message) : message]));
  };
};
