import { HttpError, useLocaleState, useTranslate } from 'react-admin';
import { parisDay } from './money';

/** The SOLTéA codes the console says in its own words (app.solteaEmployer.errors.*); any other answer shows the server's message. */
const KNOWN = new Set([
  'WINDOW_CLOSED',
  'CHOICES_FROZEN',
  'NO_BALANCE',
  'NO_CAMPAIGN',
  'TOTAL_OVER_100',
  'NOT_ELIGIBLE',
  'PERCENT_INVALID',
  'PERCENT_DECIMALS',
  'DUPLICATE_ESTABLISHMENT',
  'NOTHING_TO_REPLICATE',
  'EMPLOYER_NOT_FOUND',
  'SUPPORT_READ_ONLY',
  'GROUP_NAME_TAKEN',
  'NOT_HABILITATED',
  'APPLICATION_EXISTS',
  'APPLICATION_DECIDED',
]);

interface ErrorBody {
  code?: string;
  message?: string;
  errors?: Record<string, string>;
  [detail: string]: unknown;
}

export const errorBody = (error: unknown): ErrorBody | undefined => (error instanceof HttpError ? (error.body as ErrorBody | undefined) : undefined);

/** A SOLTéA refusal as people read it, in the console's language, from its code and parameters (a closed window says when it opens). */
export const useSolteaErrorText = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  return (error: unknown): string => {
    const body = errorBody(error);
    const code = body?.code?.startsWith('SOLTEA.') ? body.code.slice('SOLTEA.'.length) : undefined;
    if (!code || !KNOWN.has(code)) {
      const fields = Object.values(body?.errors ?? {});
      const message = body?.message ?? (error instanceof Error ? error.message : translate('ra.notification.http_error'));
      return fields.length ? `${message} ${fields.join(' ; ')}` : message;
    }
    if (code === 'WINDOW_CLOSED') {
      const opensAt = typeof body?.opensAt === 'string' ? body.opensAt : null;
      const closesAt = typeof body?.closesAt === 'string' ? body.closesAt : null;
      const designation = body?.window === 'DESIGNATION';
      if (!opensAt || !closesAt) return translate(designation ? 'app.solteaEmployer.errors.WINDOW_OVER' : 'app.solteaEmployer.errors.APPLICATIONS_OVER');
      const opens = parisDay(opensAt, locale);
      const lastDay = parisDay(closesAt, locale, true);
      if (Date.parse(opensAt) <= Date.now()) return translate('app.solteaEmployer.errors.APPLICATIONS_CLOSED_SINCE', { lastDay });
      return translate(designation ? 'app.solteaEmployer.errors.WINDOW_CLOSED' : 'app.solteaEmployer.errors.APPLICATIONS_NOT_OPEN', { opens, lastDay });
    }
    if (code === 'TOTAL_OVER_100') {
      const total = typeof body?.totalPercent === 'number' ? body.totalPercent : null;
      return translate('app.solteaEmployer.errors.TOTAL_OVER_100', { total: total === null ? '?' : total.toLocaleString(locale === 'en' ? 'en-GB' : 'fr-FR') });
    }
    return translate(`app.solteaEmployer.errors.${code}`);
  };
};
