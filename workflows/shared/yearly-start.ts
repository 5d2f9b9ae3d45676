import { ParentClosePolicy, WorkflowIdReusePolicy, startChild, type ChildWorkflowCancellationType, type ChildWorkflowOptions, type Workflow } from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError, type WithWorkflowArgs } from '@temporalio/common';

/** What a yearly Schedule passes to the workflow it runs (worker/schedules.ts). */
export interface ScheduledStartInput {
  /** The year started is the one the Schedule fires in (Paris) plus this (1: fired in November 2025, the SOLTéA campaign `soltea-2026`; 0: the prevention check of 2025). */
  campaignYearOffset: number;
  /** Fingerprint of the Schedule's spec, read back by the worker to know whether to update it. */
  specHash: string;
}

/** A child named by its business id, and what it is given. */
export interface ChildStart<T extends Workflow> {
  /** The workflow function, or its type name. */
  workflow: T | string;
  workflowId: string;
  args: Parameters<T>;
  /** What cancelling the parent does to it (the SDK's default: cancelled with it; ABANDON: it goes on). */
  cancellationType?: ChildWorkflowCancellationType;
}

/**
 * Starts a child left running on its own (ABANDON) under its business id,
 * unless that id was already used — running or closed (REJECT_DUPLICATE):
 * answers whether this call started it.
 */
export async function startChildOnce<T extends Workflow>({ workflow, workflowId, args, cancellationType }: ChildStart<T>): Promise<boolean> {
  const options = {
    workflowId,
    args,
    parentClosePolicy: ParentClosePolicy.ABANDON,
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    ...(cancellationType ? { cancellationType } : {}),
  };
  try {
    // WithWorkflowArgs does not resolve for a generic T: the args are typed by ChildStart<T> instead.
    if (typeof workflow === 'string') await startChild<T>(workflow, options as unknown as WithWorkflowArgs<T, ChildWorkflowOptions>);
    else await startChild<T>(workflow, options as unknown as WithWorkflowArgs<T, Omit<ChildWorkflowOptions, 'typeInfo'> & { typeInfo?: undefined }>);
    return true;
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw err;
  }
}

/** The year of an instant in Paris. */
export const parisYear = (at: Date) => Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Paris', year: 'numeric' }).format(at));

export interface YearlyStart<T extends Workflow> {
  /** When the Schedule's run started (`workflowInfo().startTime`): its year in Paris, plus the offset, is the year started. */
  firedAt: Date;
  yearOffset: number;
  workflow: T | string;
  /** The business id of that year's workflow: `soltea-<year>`, `prevention-check-<year>`. */
  workflowId: (year: number) => string;
  args: (year: number) => NoInfer<Parameters<T>>;
}

/**
 * The body of what a yearly Schedule runs. A Schedule names its runs
 * `<id>-<time>`; this names the year's workflow by its business id and
 * starts it, left running on its own, unless that year was already started
 * — by support, or by a catch-up — and ends.
 */
export async function startYearOnce<T extends Workflow>({ firedAt, yearOffset, workflow, workflowId, args }: YearlyStart<T>): Promise<{ year: number; started: boolean }> {
  const year = parisYear(firedAt) + yearOffset;
  const started = await startChildOnce<T>({ workflow, workflowId: workflowId(year), args: args(year) });
  return { year, started };
}
