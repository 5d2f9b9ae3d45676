import type { TranslateFunction } from 'react-admin';
import { todayInParis } from '../common/calendarDate';

/** Quarters, days and lateness of the passport, in the console's language. */

const QUARTER = /^(\d{4})-Q([1-4])$/;

/** `2026-Q3` → « T3 2026 » / « Q3 2026 ». */
export const quarterLabel = (translate: TranslateFunction, quarter: string) => {
  const match = QUARTER.exec(quarter);
  return match ? translate('app.prevention.quarter', { year: match[1], n: match[2] }) : quarter;
};

/** The quarter of a day (`YYYY-MM-DD`). */
export const quarterOf = (day: string) => `${day.slice(0, 4)}-Q${Math.ceil(Number(day.slice(5, 7)) / 3)}`;

/** This quarter and the `count − 1` before it, newest first: the quarters one still declares or verifies. */
export const recentQuarters = (count = 8, today = todayInParis()): string[] => {
  let year = Number(today.slice(0, 4));
  let n = Math.ceil(Number(today.slice(5, 7)) / 3);
  const quarters: string[] = [];
  while (quarters.length < count) {
    quarters.push(`${year}-Q${n}`);
    n -= 1;
    if (n === 0) {
      n = 4;
      year -= 1;
    }
  }
  return quarters;
};

/** The quarter filter's choices, labelled. */
export const quarterChoices = (translate: TranslateFunction) => recentQuarters().map((q) => ({ id: q, name: quarterLabel(translate, q) }));

const tag = (locale: string) => (locale === 'en' ? 'en-GB' : 'fr-FR');

/** A calendar day (`2026-07-14`) as people read it: « 14 juil. 2026 »; read in UTC so no time zone moves it. */
export const dayText = (day: string, locale: string) =>
  new Intl.DateTimeFormat(tag(locale), { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(`${day}T12:00:00Z`));

/** An instant, in Paris. */
export const instantText = (instant: string, locale: string) =>
  new Intl.DateTimeFormat(tag(locale), { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' }).format(new Date(instant));

/** Whether the last day to verify is behind us (Paris). */
export const verificationOver = (deadline: string | null) => deadline !== null && deadline < todayInParis();
