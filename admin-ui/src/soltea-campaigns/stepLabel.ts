import type { TranslateFunction as Translate } from 'react-admin';
import { reminderOf } from './types';

/** A campaign step in words: a milestone by its name, a reminder by its period and how many days before it closes. */
export function stepLabel(translate: Translate, key: string): string {
  const reminder = reminderOf(key);
  if (reminder) return translate('app.solteaCampaigns.reminder', { period: translate(`app.solteaCampaigns.period.${reminder[1]}`), days: reminder[2] });
  return translate(`app.solteaCampaigns.milestone.${key}`, { _: key });
}

/** A refusal of the API (its code and parameters) in words; the server's message when the code is not known here. */
export function refusalText(translate: Translate, error: unknown): string {
  const body = (error as { body?: { code?: string; message?: string; milestone?: string; mustFollow?: string; days?: number } }).body;
  const fallback = body?.message ?? (error instanceof Error ? error.message : String(error));
  if (!body?.code) return fallback;
  return translate(`app.solteaCampaigns.refusal.${body.code}`, {
    _: fallback,
    milestone: body.milestone ? stepLabel(translate, body.milestone) : '',
    mustFollow: body.mustFollow ? stepLabel(translate, body.mustFollow) : '',
    days: body.days ?? '',
  });
}
