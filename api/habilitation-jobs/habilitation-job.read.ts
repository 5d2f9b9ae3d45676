import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Scope } from '../../domain/auth/scope';
import { reasonMessage } from '../../domain/habilitation-files/habilitation-file.reasons';
import { HabilitationJob } from '../../domain/habilitation-jobs/habilitation-job.entities';
import { APPLY_REJECTIONS } from '../../domain/habilitation-jobs/habilitation-job.status';
import type { z } from '../http/openapi';
import { jobNotFound } from './habilitation-jobs.errors';
import { toJobRecord, type DryRunRecord } from './habilitation-jobs.schemas';

/** How many rejected lines the dry-run's answer lists; the rest are in the rejected-lines file. */
export const REJECTED_SHOWN = 100;

/** The French sentences of the changes refused when applied (APPLY_REJECTIONS: the cell or the portfolio changed since the dry-run). */
const APPLY_MESSAGES: Record<string, string> = {
  [APPLY_REJECTIONS.OTHER_PORTFOLIO]: 'Depuis la simulation, ce déclarant a reçu cette habilitation par un autre portefeuille : modifiez-la depuis celui-ci.',
  [APPLY_REJECTIONS.HOLDER_GONE]: 'Depuis la simulation, ce déclarant a été radié ou a quitté l’entreprise : rien n’a été appliqué pour lui.',
  [APPLY_REJECTIONS.SIRET_NOT_IN_PORTFOLIO]: 'Depuis la simulation, ce SIRET a quitté le portefeuille.',
  [APPLY_REJECTIONS.SERVICE_NOT_IN_PORTFOLIO]: 'Depuis la simulation, ce service a quitté le portefeuille.',
};

/** A rejected line's French sentence: the file's reasons (reasonMessage), or a change refused when applied. */
export const lineMessage = (reason: { code: string; params: Record<string, string | number> }) => APPLY_MESSAGES[reason.code] ?? reasonMessage(reason);

/** Jobs a manager sees: all for support, his company's for an administrator. */
export const jobScope = (scope: Scope): FilterQuery<HabilitationJob> => (scope.kind === 'all' ? {} : { company: scope.companyId });

/** The job if the caller may see it; another company's is a 404. */
export async function findJob(em: EntityManager, scope: Scope, id: string): Promise<HabilitationJob> {
  const job = await em.findOne(HabilitationJob, { $and: [jobScope(scope), { id }] });
  if (!job) throw jobNotFound();
  return job;
}

/** The job and its first rejected lines, each with its French message. */
export async function dryRunOf(em: EntityManager, jobId: string): Promise<z.infer<typeof DryRunRecord>> {
  const job = await em.findOneOrFail(HabilitationJob, { id: jobId });
  const rows = await em.execute<{ line: number; code: string; params: Record<string, string | number> }[]>(
    `select line, code, params from habilitation_job_rejected_line where job_id = ? order by line, id limit ${REJECTED_SHOWN}`,
    [jobId],
  );
  return { ...toJobRecord(job), rejectedLines: rows.map((r) => ({ ...r, message: lineMessage(r) })) };
}
