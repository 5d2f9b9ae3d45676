import type { EntityManager } from '@mikro-orm/postgresql';
import { openDesignationPeriod, windowAt, type CampaignCalendar, type CampaignWindow } from '../../domain/soltea/calendar.rules';
import { SolteaCampaign } from '../../domain/soltea/soltea.entities';
import { applicationsClosed, designationClosed, noCampaign } from './soltea.errors';

/**
 * The windows the API opens and closes by the campaign's calendar, read
 * from the campaign's read model (soltea_campaign, written by the campaign
 * workflow: a moved milestone moves the window at once). A campaign that
 * is not running opens nothing.
 */

export interface WindowDates {
  opensAt: string;
  closesAt: string;
  /** The first day, and the last day (the window closes at its end), as people read them. */
  opensOn: string;
  lastDay: string;
}

export function windowDates(calendar: CampaignCalendar, window: CampaignWindow): WindowDates {
  const open = calendar.milestones[`${window}_OPEN`];
  const close = calendar.milestones[`${window}_CLOSE`];
  return { opensAt: open.at, closesAt: close.at, opensOn: open.date, lastDay: close.date };
}

const running = (campaign: SolteaCampaign) => campaign.status === 'RUNNING';

/** The designation period open now, or the 409 that says when the next one opens. */
export function assertDesignationOpen(campaign: SolteaCampaign, now: Date): 'PERIOD1' | 'PERIOD2' {
  const period = running(campaign) ? openDesignationPeriod(campaign.calendar, now) : null;
  if (period) return period;
  throw designationClosed(campaign.year, running(campaign) ? nextDesignation(campaign.calendar, now) : null);
}

/** The designation period still to open after `now`, if any. */
export function nextDesignation(calendar: CampaignCalendar, now: Date) {
  for (const period of ['PERIOD1', 'PERIOD2'] as const) {
    const dates = windowDates(calendar, period);
    if (Date.parse(dates.opensAt) > now.getTime()) return { period, ...dates };
  }
  return null;
}

/** What a designation window looks like to an employer now. */
export function designationState(campaign: SolteaCampaign | null, now: Date) {
  if (!campaign || !running(campaign)) return { open: false, period: null, closesAt: null, next: null };
  const period = openDesignationPeriod(campaign.calendar, now);
  return {
    open: period !== null,
    period,
    closesAt: period ? campaign.calendar.milestones[`${period}_CLOSE`].at : null,
    next: period ? null : nextDesignation(campaign.calendar, now),
  };
}

export async function findCampaign(em: EntityManager, year: number): Promise<SolteaCampaign | null> {
  return em.findOne(SolteaCampaign, { year });
}

/** The campaign of the year, or 409 SOLTEA.NO_CAMPAIGN. */
export async function campaignFor(em: EntityManager, year: number): Promise<SolteaCampaign> {
  const campaign = await findCampaign(em, year);
  if (!campaign || campaign.status === 'CANCELLED') throw noCampaign(year);
  return campaign;
}

/**
 * The campaign whose establishments' window is open now (of the year given,
 * or any running one), else 409: SOLTEA.NO_CAMPAIGN when none runs,
 * SOLTEA.WINDOW_CLOSED with the dates of the window nearest to come (or
 * the last one gone) otherwise.
 */
export async function applicationsCampaign(em: EntityManager, year: number | undefined, now: Date): Promise<SolteaCampaign> {
  const campaigns = year === undefined ? await em.find(SolteaCampaign, { status: 'RUNNING' }, { orderBy: { year: 'ASC' } }) : [await campaignFor(em, year)];
  if (!campaigns.length) throw noCampaign();
  const open = campaigns.find((c) => running(c) && windowAt(c.calendar, 'ESTABLISHMENTS', now).open);
  if (open) return open;
  const upcoming = campaigns.find((c) => running(c) && Date.parse(windowDates(c.calendar, 'ESTABLISHMENTS').opensAt) > now.getTime());
  const shown = upcoming ?? campaigns[campaigns.length - 1];
  throw applicationsClosed(shown.year, windowDates(shown.calendar, 'ESTABLISHMENTS'), now);
}

/** Whether the establishments' window of this campaign is open now. */
export const applicationsOpen = (campaign: SolteaCampaign | null, now: Date) =>
  campaign !== null && running(campaign) && windowAt(campaign.calendar, 'ESTABLISHMENTS', now).open;
