import type { MilestoneKey } from './calendar.rules';

export const CAMPAIGN_STATUSES = ['RUNNING', 'CLOSED', 'CANCELLED'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** One move of milestones, as the campaign's timeline shows it. */
export interface MilestoneMoveRecord {
  at: string;
  actorId: string;
  reason: string;
  legalReference: string;
  moves: { milestone: MilestoneKey; from: string; to: string }[];
  version: string;
}
