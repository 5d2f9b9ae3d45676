/**
 * Dates of a Passeport de prévention declaration (DOMAIN.md "Passeport de
 * prévention", décret 2025-748): its quarter, the declaration and verification
 * deadlines, lateness, the dates refused at entry, and the openings. Days are
 * Paris calendar days written YYYY-MM-DD; `today` is always an argument.
 */
import { isCalendarDate, parisStartOf } from '../collaborators/effective-date.rules';

export type DeclarantKind = 'TRAINING_BODY' | 'EMPLOYER';
export type ProofType = 'ATTENDANCE' | 'SUCCESS';

/** Months after the end of the quarter a declaration is due: 3 for a training body (OF), 6 for an employer (décret 2025-748). */
export const DECLARATION_MONTHS: Record<DeclarantKind, number> = { TRAINING_BODY: 3, EMPLOYER: 6 };

/** Months after the end of the quarter the employer may verify an OF declaration (6; a later text speaks of 9: configuration). */
export const DEFAULT_VERIFICATION_MONTHS = 6;

/** '2026-Q1'… */
export type QuarterKey = `${number}-Q${1 | 2 | 3 | 4}`;

const DAY_MS = 24 * 3600_000;

/** A UTC date's YYYY-MM-DD. */
function dayOf(utcMs: number): string {
  return new Date(utcMs).toISOString().slice(0, 10);
}

/** The quarter a calendar day falls in; throws a RangeError on anything but a real day. */
export function quarterOf(day: string): QuarterKey {
  if (!isCalendarDate(day)) throw new RangeError(`Not a calendar day: ${day}`);
  const quarter = Math.ceil(Number(day.slice(5, 7)) / 3) as 1 | 2 | 3 | 4;
  return `${Number(day.slice(0, 4))}-Q${quarter}`;
}

/** A quarter written YYYY-Qn, n from 1 to 4. */
export function isQuarterKey(text: string): text is QuarterKey {
  return /^\d{4}-Q[1-4]$/.test(text);
}

/** The year and the last month (1–12) of a quarter. */
function quarterParts(quarter: QuarterKey): { year: number; endMonth: number } {
  if (!isQuarterKey(quarter)) throw new RangeError(`Not a quarter: ${quarter}`);
  return { year: Number(quarter.slice(0, 4)), endMonth: Number(quarter.slice(6)) * 3 };
}

/** Last day of the quarter: '2026-03-31'. */
export function quarterEnd(quarter: QuarterKey): string {
  return monthsAfterQuarter(quarter, 0);
}

/** The day that places a declaration in its quarter: the day the success proof became valid for a SUCCESS proof (never before the training's end), else the training's end. */
export function referenceDay(d: { proofType: ProofType; trainingEnd: string; proofValidFrom: string | null }): string {
  if (d.proofType === 'SUCCESS' && d.proofValidFrom !== null && d.proofValidFrom > d.trainingEnd) return d.proofValidFrom;
  return d.trainingEnd;
}

/** The last day of the month `months` months after the quarter's end month: Q1 2026 + 3 → '2026-06-30'; Q4 2025 + 6 → '2026-06-30'; handles 28/29 February (Q3 2027 + 5 → '2028-02-29' leap year, Q3 2026 + 5 → '2027-02-28'). */
export function monthsAfterQuarter(quarter: QuarterKey, months: number): string {
  if (!Number.isInteger(months) || months < 0) throw new RangeError(`Not a number of months: ${months}`);
  const { year, endMonth } = quarterParts(quarter);
  // Day 0 of the following month is the last day of the month sought.
  return dayOf(Date.UTC(year, endMonth + months, 0));
}

/** The last day to declare a quarter's trainings: 3 months after its end for an OF, 6 for an employer. */
export function declarationDeadline(quarter: QuarterKey, kind: DeclarantKind): string {
  return monthsAfterQuarter(quarter, DECLARATION_MONTHS[kind]);
}

/** The last day an employer may verify an OF declaration of that quarter; after it the declaration is deemed verified. */
export function verificationDeadline(quarter: QuarterKey, months: number = DEFAULT_VERIFICATION_MONTHS): string {
  return monthsAfterQuarter(quarter, months);
}

/** A declaration made on `declaredOn` (Paris day) after its deadline day is late by the number of days past it; on the deadline day it is on time. */
export function lateness(deadline: string, declaredOn: string): { late: boolean; daysLate: number } {
  const daysLate = Math.max(0, Math.round((Date.parse(`${declaredOn}T00:00:00Z`) - Date.parse(`${deadline}T00:00:00Z`)) / DAY_MS));
  return { late: daysLate > 0, daysLate };
}

/** The instant a deadline day is over in Paris (the next day's 00:00 Paris), ISO string — what a workflow timer waits for. */
export function endOfParisDay(day: string): string {
  return parisStartOf(dayOf(Date.parse(`${day}T00:00:00Z`) + DAY_MS)).toISOString();
}

/** The dates of a declaration refused before anything is stored, or null: each a real calendar day; training start ≤ end; end not in the future (after `today`); for SUCCESS a proofValidFrom is required, ≥ training end, not in the future; for ATTENDANCE proofValidFrom must be null. field names: 'trainingStart' | 'trainingEnd' | 'proofValidFrom'. */
export type DatesRefusal = {
  code: 'PREVENTION.DATE_INVALID' | 'PREVENTION.DATE_ORDER' | 'PREVENTION.DATE_FUTURE' | 'PREVENTION.PROOF_DATE_REQUIRED' | 'PREVENTION.PROOF_DATE_UNEXPECTED';
  field: string;
  message: string;
};

const INVALID_DATE = 'Date attendue au format AAAA-MM-JJ (un jour qui existe).';

/** The first thing wrong with a declaration's dates, checked in the order a form reads them; null when they are fine. */
export function datesRefusal(
  d: { proofType: ProofType; trainingStart: string; trainingEnd: string; proofValidFrom: string | null },
  today: string,
): DatesRefusal | null {
  if (!isCalendarDate(d.trainingStart)) return { code: 'PREVENTION.DATE_INVALID', field: 'trainingStart', message: INVALID_DATE };
  if (!isCalendarDate(d.trainingEnd)) return { code: 'PREVENTION.DATE_INVALID', field: 'trainingEnd', message: INVALID_DATE };
  if (d.trainingStart > d.trainingEnd) {
    return { code: 'PREVENTION.DATE_ORDER', field: 'trainingEnd', message: 'La fin de la formation ne peut pas précéder son début.' };
  }
  if (d.trainingEnd > today) {
    return { code: 'PREVENTION.DATE_FUTURE', field: 'trainingEnd', message: 'Une formation ne se déclare qu’une fois terminée : la date de fin est à venir.' };
  }
  if (d.proofType === 'ATTENDANCE') {
    if (d.proofValidFrom === null) return null;
    return {
      code: 'PREVENTION.PROOF_DATE_UNEXPECTED',
      field: 'proofValidFrom',
      message: 'Une attestation de suivi n’a pas de date de validité : seule une preuve de réussite en porte une.',
    };
  }
  if (d.proofValidFrom === null) {
    return { code: 'PREVENTION.PROOF_DATE_REQUIRED', field: 'proofValidFrom', message: 'La date à laquelle la preuve de réussite est valable est obligatoire.' };
  }
  if (!isCalendarDate(d.proofValidFrom)) return { code: 'PREVENTION.DATE_INVALID', field: 'proofValidFrom', message: INVALID_DATE };
  if (d.proofValidFrom < d.trainingEnd) {
    return { code: 'PREVENTION.DATE_ORDER', field: 'proofValidFrom', message: 'La preuve de réussite ne peut pas être valable avant la fin de la formation.' };
  }
  if (d.proofValidFrom > today) {
    return { code: 'PREVENTION.DATE_FUTURE', field: 'proofValidFrom', message: 'La preuve de réussite doit déjà être valable : sa date est à venir.' };
  }
  return null;
}

/** Openings (DOMAIN.md): the OF space 2025-04-28, the employer space 2026-03-16, file import 2026-07-09. */
export const OPENINGS: { TRAINING_BODY: string; EMPLOYER: string; FILE: string } = {
  TRAINING_BODY: '2025-04-28',
  EMPLOYER: '2026-03-16',
  FILE: '2026-07-09',
};

/** Why declaring is not open yet on `today` for this declarant and channel ('FORM' for the console and API, 'FILE' for a CSV import, which needs both its kind's opening and the file opening), with the day it opens; null when open. */
export function openingRefusal(kind: DeclarantKind, channel: 'FORM' | 'FILE', today: string): { code: 'PREVENTION.NOT_OPEN_YET'; opensOn: string } | null {
  const opensOn = channel === 'FILE' && OPENINGS.FILE > OPENINGS[kind] ? OPENINGS.FILE : OPENINGS[kind];
  return today < opensOn ? { code: 'PREVENTION.NOT_OPEN_YET', opensOn } : null;
}
