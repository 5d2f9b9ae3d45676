import { JOB_OUTCOMES, JOB_STATUSES, OUTCOME_CODES } from '../../domain/habilitation-jobs/habilitation-job.status';
import type { HabilitationJob } from '../../domain/habilitation-jobs/habilitation-job.entities';
import { reasonMessage } from '../../domain/habilitation-files/habilitation-file.reasons';
import { z } from '../http/openapi';

export const JobIdParams = z.object({ id: z.string().uuid('Identifiant invalide') });

/** Kinds a file carries (the SERVICE kind has no file). */
export const FILE_JOB_KINDS = ['HABILITATIONS', 'ESTABLISHMENTS'] as const;


export const UploadQuery = z.object({
  kind: z.enum(FILE_JOB_KINDS),
  fileName: z.string().min(1).max(255).optional(),
});

export const FileQuery = z.object({ content: z.enum(['model', 'export']) });

export const ServiceJobBody = z
  .object({
    serviceCode: z.string().min(1).max(40).openapi({ example: 'DSN' }),
    action: z.enum(['GRANT', 'REVOKE']),
  })
  .openapi('HabilitationServiceJob');

export const JobFilter = z.object({
  portfolioId: z.string().uuid('Identifiant invalide'),
  status: z.union([z.enum(JOB_STATUSES), z.array(z.enum(JOB_STATUSES)).max(10)]),
});

const Params = z.record(z.string(), z.union([z.string(), z.number()]));
const Reason = z.object({ code: z.string(), params: Params, message: z.string() });

export const Counts = z.object({
  linesRead: z.number().int(),
  rejected: z.number().int(),
  added: z.number().int(),
  removed: z.number().int(),
  changed: z.number().int(),
  unchanged: z.number().int(),
});

export const JobRecord = z
  .object({
    id: z.string(),
    portfolioId: z.string(),
    companyId: z.string(),
    kind: z.string(),
    status: z.enum(JOB_STATUSES),
    fileName: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
    counts: Counts,
    quarantined: z.boolean(),
    outcome: z.enum(JOB_OUTCOMES).nullable(),
    reason: Reason.nullable(),
    changesTotal: z.number().int(),
    changesDone: z.number().int(),
    changesRejected: z.number().int(),
    confirmedAt: z.string().nullable(),
    confirmedBy: z.string().nullable(),
    finishedAt: z.string().nullable(),
    workflowId: z.string().nullable(),
  })
  .openapi('HabilitationJob');

export const RejectedLineRecord = z.object({ line: z.number().int(), code: z.string(), params: Params, message: z.string() });

export const DryRunRecord = JobRecord.extend({
  rejectedLines: z.array(RejectedLineRecord).openapi({ description: 'The first rejected lines (100 at most), in file order' }),
}).openapi('HabilitationJobDryRun');

export const LiveState = z.object({
  phase: z.string().nullable(),
  jobsAhead: z.number().int().nullable(),
  done: z.number().int(),
  total: z.number().int(),
  expiresAt: z.string().nullable(),
});

export const JobDetail = JobRecord.extend({ live: LiveState.nullable().openapi({ description: 'The workflow’s status query while it runs (null otherwise, or when it does not answer within 3 s)' }) }).openapi(
  'HabilitationJobDetail',
);

/** The outcomes the dry-run could not foresee, in French; the others are the file's reasons. */
const OUTCOME_MESSAGES: Record<string, (params: Record<string, string | number>) => string> = {
  [OUTCOME_CODES.ALL_CHANGES_REJECTED]: (p) => `Les ${p.total} changements ont été refusés à l’application (la matrice a changé depuis la simulation) : rien n’a été appliqué.`,
  [OUTCOME_CODES.CHANGES_REJECTED]: (p) => `${p.rejected} changement(s) sur ${p.total} refusé(s) à l’application (la matrice a changé depuis la simulation) ; les autres sont appliqués.`,
};

const outcomeMessage = (reason: { code: string; params: Record<string, string | number> }) => OUTCOME_MESSAGES[reason.code]?.(reason.params) ?? reasonMessage(reason);

export function toJobRecord(job: HabilitationJob): z.infer<typeof JobRecord> {
  const reason = job.outcomeCode ? { code: job.outcomeCode, params: job.outcomeParams ?? {} } : null;
  return {
    id: job.id,
    portfolioId: job.portfolio.id,
    companyId: job.company.id,
    kind: job.kind,
    status: job.status,
    fileName: job.fileName ?? null,
    createdBy: job.createdBy,
    createdAt: job.createdAt.toISOString(),
    counts: { linesRead: job.linesRead, rejected: job.linesRejected, added: job.added, removed: job.removed, changed: job.changed, unchanged: job.unchanged },
    quarantined: job.quarantined,
    outcome: job.outcome ?? null,
    reason: reason && { ...reason, message: outcomeMessage(reason) },
    changesTotal: job.changesTotal,
    changesDone: job.changesDone,
    changesRejected: job.changesRejected,
    confirmedAt: job.confirmedAt?.toISOString() ?? null,
    confirmedBy: job.confirmedBy ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    workflowId: job.workflowId ?? null,
  };
}
