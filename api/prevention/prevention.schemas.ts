import { checkNir } from '../../domain/prevention/nir.rules';
import { isQuarterKey } from '../../domain/prevention/declaration-dates.rules';
import { CERTIFICATION_KINDS, CHANNELS, CHECK_RUN_STATUSES, CHECK_STATUSES, DECLARANT_KINDS, LEARNER_STATUSES, MODALITIES, PROOF_TYPES, WINDOW_STATUSES } from '../../domain/prevention/prevention.entities';
import { CalendarDay, personName } from '../arrivals/arrivals.schemas';
import { oneOrMany } from '../http/filter-schemas';
import { idsFilter } from '../http/list-query';
import { z } from '../http/openapi';
import { Siret, SiretFilter } from '../portfolios/identifier.schemas';

/** The prevention passport's request and answer shapes (declarations, their learners, verification). */

export const IdParams = z.object({ id: z.string().uuid('Identifiant invalide') });

/** A NIR checked by its key (Corsica 2A/2B included), parsed to its 15 characters. Never echoed back in an error. */
const Nir = z
  .string()
  .max(30)
  .transform((raw, ctx) => {
    const result = checkNir(raw);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.message, params: { code: result.code } });
    return z.NEVER;
  })
  .openapi({ description: 'NIR (15 characters, key included); personal data', example: '185057800608491' });

const Quarter = z.string().refine(isQuarterKey, 'Trimestre attendu sous la forme AAAA-Tn, ex. 2026-Q1').openapi({ example: '2026-Q1' });

const Learner = z.object({
  nir: Nir,
  birthName: personName('Nom de naissance'),
  firstNames: z.string().trim().min(1, 'Prénoms obligatoires').max(200),
  birthDate: CalendarDay,
  employerSiret: Siret.openapi({ description: 'The learner’s employer: an active establishment' }),
});

export const DeclarationCreate = z
  .object({
    declarantSiret: Siret.openapi({ description: 'The declaring establishment (training body or employer), habilitated on PREVENTION_PASSPORT' }),
    declarantKind: z.enum(DECLARANT_KINDS),
    proofType: z.enum(PROOF_TYPES),
    title: z.string().trim().min(1, 'Intitulé obligatoire').max(255),
    trainingStart: CalendarDay,
    trainingEnd: CalendarDay,
    proofValidFrom: CalendarDay.nullable().default(null).openapi({ description: 'SUCCESS only: the day the success proof became valid' }),
    modality: z.enum(MODALITIES),
    romeSkills: z.array(z.string().trim().regex(/^[A-Z0-9]{1,20}$/, 'Code compétence ROME : lettres majuscules et chiffres')).max(50).default([]),
    trainerQualification: z.multilineText().trim().min(1, 'Qualification du formateur obligatoire').max(1000),
    certificationKind: z.enum(CERTIFICATION_KINDS),
    certificationCode: z.string().trim().regex(/^[A-Z0-9]{1,20}$/i, 'Code de certification : lettres et chiffres, 20 au plus'),
    nsfCode: z.string().trim().regex(/^[0-9]{3}[a-z]?$/i, 'Code NSF : 3 chiffres et une lettre éventuelle').nullable().default(null),
    learners: z.array(Learner).min(1, 'Au moins un apprenant').max(500, '500 apprenants au plus par déclaration'),
  })
  .openapi('PreventionDeclarationCreate');
export type DeclarationCreate = z.infer<typeof DeclarationCreate>;

export const DeclarationFilter = z.object({
  declarantSiret: SiretFilter.optional(),
  declarantKind: oneOrMany(z.enum(DECLARANT_KINDS)),
  quarter: oneOrMany(Quarter),
  late: z.boolean().optional(),
  q: z.string().trim().max(100).optional().openapi({ description: 'Title or certification code' }),
});

export const LearnerFilter = z.object({
  declarationId: z.string().uuid().optional(),
  employerSiret: SiretFilter.optional(),
  declarantSiret: SiretFilter.optional(),
  quarter: oneOrMany(Quarter),
  status: oneOrMany(z.enum(LEARNER_STATUSES)),
  q: z.string().trim().max(100).optional().openapi({ description: 'Birth name or first names' }),
});

const StatusCounts = z.record(z.enum(LEARNER_STATUSES), z.number().int());

export const LearnerRecord = z
  .object({
    id: z.string(),
    declarationId: z.string(),
    nir: z.string().openapi({ description: 'In clear for the declarer and the learner’s employer; masked (sex and birth year) for anyone else' }),
    nirMasked: z.boolean(),
    birthName: z.string(),
    firstNames: z.string(),
    birthDate: z.string(),
    employerSiret: z.string(),
    quarter: z.string(),
    status: z.enum(LEARNER_STATUSES),
    decidedAt: z.string().nullable(),
    correctionReason: z.string().nullable(),
    declarantSiret: z.string(),
    declarantKind: z.enum(DECLARANT_KINDS),
    title: z.string(),
    trainingEnd: z.string(),
    verificationDeadline: z.string().nullable().openapi({ description: 'Last day the employer verifies (training-body lines)' }),
  })
  .openapi('PreventionLearner');

export const DeclarationRecord = z
  .object({
    id: z.string(),
    declarantKind: z.enum(DECLARANT_KINDS),
    declarantSiret: z.string(),
    channel: z.enum(CHANNELS),
    proofType: z.enum(PROOF_TYPES),
    title: z.string(),
    trainingStart: z.string(),
    trainingEnd: z.string(),
    proofValidFrom: z.string().nullable(),
    modality: z.enum(MODALITIES),
    romeSkills: z.array(z.string()),
    trainerQualification: z.string(),
    certificationKind: z.enum(CERTIFICATION_KINDS),
    certificationCode: z.string(),
    nsfCode: z.string().nullable(),
    quarter: z.string(),
    deadline: z.string().openapi({ description: 'Last day to declare on time (3 months after the quarter for a training body, 6 for an employer)' }),
    late: z.boolean(),
    daysLate: z.number().int(),
    createdAt: z.string(),
    learnerCount: z.number().int().openapi({ description: 'The learners the caller sees (an employer: his own)' }),
    statusCounts: StatusCounts,
  })
  .openapi('PreventionDeclaration');

export const DeclarationDetail = DeclarationRecord.extend({ learners: z.array(LearnerRecord) }).openapi('PreventionDeclarationDetail');

export const LearnerIds = z.object({ ids: z.array(z.string().uuid('Identifiant invalide')).min(1).max(1000) });
export const VerifyBody = LearnerIds.openapi('PreventionVerify');
export const CorrectionBody = LearnerIds.extend({ reason: z.multilineText().trim().min(3, 'Motif obligatoire (3 caractères au moins)').max(2000) }).openapi('PreventionCorrectionRequest');
export const BulkAnswer = z.object({ changed: z.number().int() }).openapi('PreventionBulkAnswer');

export const WindowFilter = z.object({
  employerSiren: z.string().regex(/^\d{9}$/, 'SIREN : 9 chiffres').optional(),
  quarter: oneOrMany(Quarter),
  status: oneOrMany(z.enum(WINDOW_STATUSES)),
});

export const WindowRecord = z
  .object({
    id: z.string(),
    employerSiren: z.string(),
    quarter: z.string(),
    workflowId: z.string(),
    status: z.enum(WINDOW_STATUSES),
    deadline: z.string().openapi({ description: 'Last day the employer verifies (the window ends when it is over in Paris)' }),
    moves: z.array(z.object({ at: z.string(), actorId: z.string(), reason: z.string(), from: z.string(), to: z.string() })),
    deemedVerified: z.number().int(),
    pending: z.number().int().openapi({ description: 'Lines still awaiting the employer' }),
    closedAt: z.string().nullable(),
  })
  .openapi('PreventionWindow');

export const DeadlineMoveBody = z
  .object({ deadline: CalendarDay, reason: z.multilineText().trim().min(3, 'Motif obligatoire (3 caractères au moins)').max(2000) })
  .openapi('PreventionDeadlineMove');

export const CheckFilter = z.object({
  year: z.number().int().min(2025).max(2100).optional(),
  employerSiren: z.string().regex(/^\d{9}$/, 'SIREN : 9 chiffres').optional(),
  status: oneOrMany(z.enum(CHECK_STATUSES)),
});

export const CheckRecord = z
  .object({
    id: z.string(),
    year: z.number().int(),
    employerSiren: z.string(),
    workflowId: z.string(),
    status: z.enum(CHECK_STATUSES),
    due: z.string(),
    remindedAt: z.string().nullable(),
    doneAt: z.string().nullable(),
    counts: z.object({ employees: z.number().int(), withDeclaration: z.number().int(), without: z.number().int(), awaitingVerification: z.number().int() }),
  })
  .openapi('PreventionCheck');

export const CheckEmployeeFilter = z.object({
  checkId: z.string().uuid('Identifiant invalide'),
  declared: z.boolean().optional().openapi({ description: 'true: employees with a declaration that year; false: those with none' }),
});

export const CheckEmployeeRecord = z
  .object({
    id: z.string(),
    employeeId: z.string().openapi({ description: 'Pseudonymous (DSN), never a NIR' }),
    employerSiret: z.string(),
    declarations: z.array(
      z.object({ learnerId: z.string(), declarationId: z.string(), title: z.string(), trainingEnd: z.string(), quarter: z.string(), status: z.enum(LEARNER_STATUSES), birthName: z.string(), firstNames: z.string() }),
    ),
  })
  .openapi('PreventionCheckEmployee');

export const CheckRunIds = idsFilter(z.number().int().min(2025).max(2100));

export const CheckRunStart = z
  .object({
    year: z.number().int().min(2025).max(2100).openapi({ description: 'The year checked (this year or an earlier one; the passport opens in 2025)' }),
    due: CalendarDay.optional().openapi({ description: 'The checks’ last day (YYYY-MM-DD, Paris; not past): 31 December of the year by default' }),
  })
  .openapi('PreventionCheckRunStart');

export const CheckRunStarted = z.object({ year: z.number().int(), workflowId: z.string(), due: z.string() }).openapi('PreventionCheckRunStarted');
export const CheckRunFilter = z.object({ year: z.number().int().min(2025).max(2100).optional(), status: oneOrMany(z.enum(CHECK_RUN_STATUSES)) });

export const CheckRunRecord = z
  .object({
    id: z.number().int().openapi({ description: 'The year' }),
    year: z.number().int(),
    workflowId: z.string(),
    status: z.enum(CHECK_RUN_STATUSES),
    due: z.string(),
    employers: z.number().int().openapi({ description: 'Employers whose check was started' }),
    startedAt: z.string(),
    reportedAt: z.string().nullable(),
    report: z.record(z.string(), z.number()).nullable().openapi({ description: 'At the due day: done, notDone, cancelled (from supervision), pendingLines' }),
  })
  .openapi('PreventionCheckRun');
