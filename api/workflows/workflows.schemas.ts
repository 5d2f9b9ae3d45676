import { idsFilter } from '../http/list-query';
import { SirenFilter } from '../portfolios/identifier.schemas';
import { ActivityFailure } from './activity-failure';
import { HistoryEntry } from './readable-history';
import { z } from '../http/openapi';

const word = /^[A-Za-z_]+$/;

export const WORKFLOW_STATUSES = ['RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED', 'TERMINATED', 'CONTINUED_AS_NEW', 'TIMED_OUT'] as const;

/** Filters of GET /api/workflows; each value is checked so it can go into a visibility query. */
export const WorkflowFilter = z.object({
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .openapi({ description: 'Search: SIREN or SIRET (spaces allowed), workflow id, run id, account id, or a person’s name or e-mail' }),
  type: z.string().regex(word, 'Type de processus invalide').optional(),
  status: z.enum(WORKFLOW_STATUSES).optional(),
  companySiren: SirenFilter.optional(),
  phase: z.string().regex(word, 'Étape invalide').optional(),
  awaitedRole: z.string().regex(word, 'Rôle invalide').optional(),
  overdue: z.boolean().optional(),
  startedAfter: z.iso.datetime().optional(),
  startedBefore: z.iso.datetime().optional(),
  closedAfter: z.iso.datetime().optional(),
  closedBefore: z.iso.datetime().optional(),
});
export type WorkflowFilter = z.infer<typeof WorkflowFilter>;

/** Workflow ids a list may be asked for (react-admin's getMany): business ids, safe inside a visibility query. */
export const WorkflowIds = idsFilter(z.string().regex(/^[\w.:@-]{1,300}$/, 'Identifiant de processus invalide'));

export const WorkflowRecord = z
  .object({
    id: z.string(),
    runId: z.string(),
    type: z.string(),
    status: z.string(),
    startedAt: z.string(),
    closedAt: z.string().nullable(),
    companySiren: z.string().nullable(),
    subjectAccount: z.string().nullable(),
    phase: z.string().nullable(),
    awaitedRole: z.string().nullable(),
    dueDate: z.string().nullable(),
    overdue: z.boolean(),
    temporalUiUrl: z.string(),
  })
  .openapi('Workflow');

export const WorkflowDetail = WorkflowRecord.extend({
  runs: z
    .array(z.object({ runId: z.string(), status: z.string(), startedAt: z.string(), closedAt: z.string().nullable() }))
    .openapi({ description: 'Every run of this workflow id, newest first (a reset or a continue-as-new starts a new one); GET with ?runId= opens one' }),
  state: z.unknown().openapi({ description: "The workflow's own status query answer (phase, deadlines, counters, who is awaited)" }),
  pendingActivities: z.array(
    z.object({ activityType: z.string(), attempt: z.number(), ...ActivityFailure, nextAttemptAt: z.string().nullable() }),
  ),
  history: z.array(HistoryEntry),
  commands: z
    .array(z.object({ name: z.string(), kind: z.enum(['update', 'signal']) }))
    .openapi({ description: 'Messages of its own the console may send it while it runs (POST …/commands/:name)' }),
  terminable: z.boolean().openapi({
    description: 'Support may terminate it now (POST …/terminate): false once closed, and for a type whose records close only when it is cancelled (WORKFLOW.CANCEL_INSTEAD)',
  }),
}).openapi('WorkflowDetail');

const requiredReason = z.multilineText().trim().min(5, 'Motif obligatoire (5 caractères au moins)').max(500);

export const TerminateBody = z.object({ reason: requiredReason }).openapi('TerminateWorkflow');

export const ResetBody = z.object({ reason: requiredReason }).openapi('ResetWorkflow');

export const CommandBody = z.object({ reason: z.multilineText().trim().max(500).optional() }).openapi('WorkflowCommand');

export const CancelBody = z.object({ reason: z.multilineText().trim().max(500).optional() }).openapi('CancelWorkflow');

const allCompanies = z
  .literal(true)
  .optional()
  .openapi({ description: 'Required when the filter names no company: the batch then acts on every company (the console asks a second confirmation)' });

export const BatchPreviewBody = z.object({ filter: WorkflowFilter, allCompanies }).openapi('WorkflowBatchPreview');

export const BatchPreview = z
  .object({
    count: z.number(),
    byCompany: z.array(z.object({ companySiren: z.string().nullable(), legalName: z.string().nullable(), count: z.number() })),
    /** More running processes than the preview read: byCompany counts the newest ones only. */
    truncated: z.boolean(),
  })
  .openapi('WorkflowBatchPreviewResult');

export const BatchBody = z
  .object({
    action: z.enum(['cancel', 'terminate']),
    filter: WorkflowFilter,
    allCompanies,
    reason: requiredReason,
    expectedCount: z.number().int().min(1).openapi({ description: 'The count the preview showed: refused if the filter now matches another number' }),
  })
  .openapi('WorkflowBatch');

export const BatchJob = z
  .object({
    jobId: z.string(),
    action: z.string(),
    state: z.enum(['RUNNING', 'COMPLETED', 'FAILED', 'UNSPECIFIED']),
    total: z.number(),
    completed: z.number(),
    failed: z.number(),
    reason: z.string(),
    startedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
  })
  .openapi('WorkflowBatchJob');

export const WorkflowStats = z
  .object({
    running: z.array(z.object({ type: z.string(), phase: z.string().nullable(), count: z.number() })),
    runningTotal: z.number(),
    /** More running processes than the stats read: `running` counts the newest ones only. */
    truncated: z.boolean(),
    byStatus: z.record(z.string(), z.number()),
    overdue: z.number(),
    openIncidents: z.number(),
    perDay: z.array(z.object({ day: z.string(), started: z.number(), completed: z.number() })),
  })
  .openapi('WorkflowStats');
