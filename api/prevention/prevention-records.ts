import { maskNir } from '../../domain/prevention/nir.rules';
import { LEARNER_STATUSES, type LearnerStatus, type PreventionDeclaration, type PreventionLearner } from '../../domain/prevention/prevention.entities';
import type { SiretScope } from '../access/service-access';
import type { z } from '../http/openapi';
import { inScopeOf } from './prevention-access';
import type { DeclarationRecord, LearnerRecord } from './prevention.schemas';

/**
 * Whether the caller reads this learner's NIR in clear: the declarer and
 * the learner's employer do; anyone else (support) sees it masked.
 */
export const seesNir = (scope: SiretScope, declarantSiret: string, employerSiret: string) =>
  !scope.all ? inScopeOf(scope, declarantSiret) || inScopeOf(scope, employerSiret) : false;

/** The learners of a declaration the caller sees: all for its declarer and support, his own for an employer. */
export const visibleLearners = (scope: SiretScope, declaration: PreventionDeclaration, learners: PreventionLearner[]) =>
  inScopeOf(scope, declaration.declarantSiret) ? learners : learners.filter((l) => inScopeOf(scope, l.employerSiret));

/** The last day to verify a training body's line: its window's (support may have moved it), else the rule's. */
export type DeadlineOf = (l: PreventionLearner) => string;

export function learnerRecord(l: PreventionLearner, d: PreventionDeclaration, scope: SiretScope, deadlineOf: DeadlineOf): z.infer<typeof LearnerRecord> {
  const clear = seesNir(scope, d.declarantSiret, l.employerSiret);
  return {
    id: l.id,
    declarationId: d.id,
    nir: clear ? l.nir : maskNir(l.nir),
    nirMasked: !clear,
    birthName: l.birthName,
    firstNames: l.firstNames,
    birthDate: l.birthDate,
    employerSiret: l.employerSiret,
    quarter: l.quarter,
    status: l.status,
    decidedAt: l.decidedAt?.toISOString() ?? null,
    correctionReason: l.correctionReason ?? null,
    declarantSiret: d.declarantSiret,
    declarantKind: d.declarantKind,
    title: d.title,
    trainingEnd: d.trainingEnd,
    verificationDeadline: d.declarantKind === 'TRAINING_BODY' ? deadlineOf(l) : null,
  };
}

export function declarationRecord(d: PreventionDeclaration, learners: PreventionLearner[]): z.infer<typeof DeclarationRecord> {
  const statusCounts = Object.fromEntries(LEARNER_STATUSES.map((s) => [s, 0])) as Record<LearnerStatus, number>;
  for (const l of learners) statusCounts[l.status] += 1;
  return {
    id: d.id,
    declarantKind: d.declarantKind,
    declarantSiret: d.declarantSiret,
    channel: d.channel,
    proofType: d.proofType,
    title: d.title,
    trainingStart: d.trainingStart,
    trainingEnd: d.trainingEnd,
    proofValidFrom: d.proofValidFrom ?? null,
    modality: d.modality,
    romeSkills: d.romeSkills,
    trainerQualification: d.trainerQualification,
    certificationKind: d.certificationKind,
    certificationCode: d.certificationCode,
    nsfCode: d.nsfCode ?? null,
    quarter: d.quarter,
    deadline: d.deadline,
    late: d.daysLate > 0,
    daysLate: d.daysLate,
    createdAt: d.createdAt.toISOString(),
    learnerCount: learners.length,
    statusCounts,
  };
}
