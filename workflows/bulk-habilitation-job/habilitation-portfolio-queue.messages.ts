import { defineQuery, defineSignal } from '@temporalio/workflow';

export const HABILITATION_PORTFOLIO_QUEUE_WORKFLOW_TYPE = 'habilitationPortfolioQueueWorkflow';

/** One queue per portfolio: `habilitation-queue-<portfolioId>`. */
export const portfolioQueueWorkflowId = (portfolioId: string) => `habilitation-queue-${portfolioId}`;

export interface PortfolioQueueInput {
  portfolioId: string;
  /** The job whose turn it is (carried by continue-as-new); null when none. */
  holder: string | null;
  /** Jobs waiting, in arrival order. */
  waiting: string[];
  /** How often the holder is checked to be still running (HABILITATION_JOB_DEFAULTS.queueCheckMinutes). */
  checkMinutes?: number;
}

export interface QueueMember {
  jobId: string;
}

/** A job joins the queue (again: it is told its place once more). */
export const joinQueueSignal = defineSignal<[QueueMember]>('joinQueue');

/** A job leaves the queue: done with its turn, or cancelled while waiting. */
export const leaveQueueSignal = defineSignal<[QueueMember]>('leaveQueue');

export interface PortfolioQueueState {
  portfolioId: string;
  holder: string | null;
  waiting: string[];
}

export const portfolioQueueStatusQuery = defineQuery<PortfolioQueueState>('status');
