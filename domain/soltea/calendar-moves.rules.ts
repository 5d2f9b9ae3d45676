import { isCalendarDate } from '../collaborators/effective-date.rules';
import { MILESTONES, milestoneInstant, type CampaignCalendar, type MilestoneKey } from './calendar.rules';

/** One milestone to a new day. */
export interface MilestoneMove {
  milestone: MilestoneKey;
  date: string;
}

/** Why a move is refused (stable codes, read by the console). */
export type MoveRefusal =
  | { code: 'SOLTEA.MOVE_REASON_REQUIRED' }
  | { code: 'SOLTEA.MOVE_LEGAL_REFERENCE_REQUIRED' }
  | { code: 'SOLTEA.MOVE_EMPTY' }
  | { code: 'SOLTEA.MOVE_DUPLICATE'; milestone: MilestoneKey }
  | { code: 'SOLTEA.MOVE_BAD_DATE'; milestone: MilestoneKey }
  | { code: 'SOLTEA.MILESTONE_PASSED'; milestone: MilestoneKey }
  | { code: 'SOLTEA.MOVE_INTO_PAST'; milestone: MilestoneKey }
  | { code: 'SOLTEA.MOVE_ORDER'; milestone: MilestoneKey; mustFollow: MilestoneKey }
  | { code: 'SOLTEA.DESIGNATION_TOO_SHORT'; days: number };

/** Designation periods must last at least two months in total (DOMAIN.md): read as 61 days, the shortest two consecutive months but February. */
export const MIN_DESIGNATION_DAYS = 61;

const DAY_MS = 24 * 3600_000;

/** Days the two designation periods last together. */
export function designationDays(calendar: CampaignCalendar): number {
  const span = (open: MilestoneKey, close: MilestoneKey) => Date.parse(calendar.milestones[close].at) - Date.parse(calendar.milestones[open].at);
  return Math.round((span('PERIOD1_OPEN', 'PERIOD1_CLOSE') + span('PERIOD2_OPEN', 'PERIOD2_CLOSE')) / DAY_MS);
}

/** The calendar after the moves (not validated). */
export function movedCalendar(calendar: CampaignCalendar, moves: MilestoneMove[]): CampaignCalendar {
  const milestones = { ...calendar.milestones };
  for (const { milestone, date } of moves) milestones[milestone] = { date, at: milestoneInstant(milestone, date) };
  const base = calendar.version.replace(/\+\d+$/, '');
  const n = Number(/\+(\d+)$/.exec(calendar.version)?.[1] ?? 0) + 1;
  return { ...calendar, version: `${base}+${n}`, milestones };
}

export interface MoveRequest {
  moves: MilestoneMove[];
  reason: string;
  legalReference: string;
}

/**
 * Why these moves cannot be made now, or null: a reason and a legal
 * reference are required; a milestone that has fired stays where it was;
 * no milestone goes into the past; the order holds; the designation
 * periods keep two months in total.
 */
export function moveRefusal(calendar: CampaignCalendar, fired: ReadonlySet<string>, request: MoveRequest, now: Date): MoveRefusal | null {
  if (!request.reason.trim()) return { code: 'SOLTEA.MOVE_REASON_REQUIRED' };
  if (!request.legalReference.trim()) return { code: 'SOLTEA.MOVE_LEGAL_REFERENCE_REQUIRED' };
  if (!request.moves.length) return { code: 'SOLTEA.MOVE_EMPTY' };
  const seen = new Set<MilestoneKey>();
  for (const { milestone, date } of request.moves) {
    if (seen.has(milestone)) return { code: 'SOLTEA.MOVE_DUPLICATE', milestone };
    seen.add(milestone);
    if (!isCalendarDate(date)) return { code: 'SOLTEA.MOVE_BAD_DATE', milestone };
    if (fired.has(milestone) || Date.parse(calendar.milestones[milestone].at) <= now.getTime()) return { code: 'SOLTEA.MILESTONE_PASSED', milestone };
    if (Date.parse(milestoneInstant(milestone, date)) <= now.getTime()) return { code: 'SOLTEA.MOVE_INTO_PAST', milestone };
  }
  const next = movedCalendar(calendar, request.moves);
  for (let i = 1; i < MILESTONES.length; i++) {
    const [before, key] = [MILESTONES[i - 1], MILESTONES[i]];
    if (Date.parse(next.milestones[key].at) <= Date.parse(next.milestones[before].at)) return { code: 'SOLTEA.MOVE_ORDER', milestone: key, mustFollow: before };
  }
  const days = designationDays(next);
  if (days < MIN_DESIGNATION_DAYS) return { code: 'SOLTEA.DESIGNATION_TOO_SHORT', days };
  return null;
}
