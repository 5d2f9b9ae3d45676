import { passwordWeakness } from '../../domain/account/password.rules';
import { secretAnswerWeakness, secretQuestionProblem } from '../../domain/account/secret-question.rules';
import { CANDIDACY_ROUTES, CANDIDACY_STATUSES } from '../../domain/candidacy/candidacy.status';
import type { Candidacy } from '../../domain/candidacy/candidacy.entity';
import { checkSiret } from '../../domain/identifiers/identifiers.rules';
import { oneOrMany } from '../http/filter-schemas';
import { z } from '../http/openapi';
import { SirenFilter } from '../portfolios/identifier.schemas';

const name = (label: string) => z.string().trim().min(1, `${label} obligatoire`).max(100, `${label} : 100 caractères au plus`);

export const CandidacyRequest = z
  .object({
    siret: z.string().openapi({ example: '84271640900011' }),
    lastName: name('Nom'),
    firstName: name('Prénom'),
    email: z.string().trim().toLowerCase().email('Adresse e-mail invalide').max(254),
    password: z.string().max(256),
    secretQuestion: z.string({ error: 'Question secrète obligatoire' }).max(1000).openapi({ example: 'Ville de naissance de ma grand-mère ?' }),
    secretAnswer: z.string({ error: 'Réponse secrète obligatoire' }).max(1000).openapi({ description: 'Stored only hashed (case, accents and spaces ignored); never returned nor logged' }),
  })
  .superRefine((body, ctx) => {
    const siret = checkSiret(body.siret);
    if (!siret.ok) ctx.addIssue({ code: 'custom', path: ['siret'], message: siret.message, params: { code: siret.code } });
    const weakness = passwordWeakness(body.password);
    if (weakness) ctx.addIssue({ code: 'custom', path: ['password'], message: weakness });
    const question = secretQuestionProblem(body.secretQuestion);
    if (question) ctx.addIssue({ code: 'custom', path: ['secretQuestion'], message: question });
    const answer = secretAnswerWeakness(body.secretAnswer, body.secretQuestion);
    if (answer) ctx.addIssue({ code: 'custom', path: ['secretAnswer'], message: answer });
  })
  .transform((body) => ({ ...body, siret: body.siret.replace(/\D/g, ''), secretQuestion: body.secretQuestion.trim() }))
  .openapi('CandidacyRequest');

export type CandidacyRequest = z.infer<typeof CandidacyRequest>;

export const CandidacyAccepted = z.object({ id: z.string(), workflowId: z.string() }).openapi('CandidacyAccepted');

export const CandidacyParams = z.object({ id: z.string().uuid('Identifiant invalide') });

const Decision = z.object({ decision: z.enum(['ACCEPT', 'REFUSE']), reason: z.multilineText().trim().max(1000).optional() });
const refusalHasReason = (b: z.infer<typeof Decision>) => b.decision === 'ACCEPT' || !!b.reason;
const REASON_REQUIRED = { path: ['reason'], message: 'Motif obligatoire pour un refus' };

export const DecisionBody = Decision.refine(refusalHasReason, REASON_REQUIRED).openapi('CandidacyDecision');

export const BulkDecisionBody = Decision.extend({ ids: z.array(z.string().uuid()).min(1).max(100) })
  .refine(refusalHasReason, REASON_REQUIRED)
  .openapi('CandidacyBulkDecision');

export const KeyBody = z.object({ key: z.string().max(64) }).openapi('ActivationKey');

export const CancelBody = z.object({ reason: z.multilineText().trim().max(1000).optional() }).openapi('CandidacyCancel');

export const UnlockBody = z.object({ reason: z.multilineText().trim().min(1, 'Motif obligatoire pour un déverrouillage').max(1000) }).openapi('CandidacyUnlock');

export const CandidacyFilter = z.object({
  status: oneOrMany(z.enum(CANDIDACY_STATUSES)),
  route: z.enum(CANDIDACY_ROUTES).optional(),
  companySiren: SirenFilter.optional(),
  pending: z.boolean().optional(),
  q: z.string().trim().max(100).optional(),
});

const Person = z.object({ id: z.string(), lastName: z.string(), firstName: z.string() });

export const CandidacyRecord = z
  .object({
    id: z.string(),
    workflowId: z.string(),
    companyId: z.string(),
    companySiren: z.string(),
    companyName: z.string(),
    siret: z.string(),
    lastName: z.string(),
    firstName: z.string(),
    email: z.string(),
    status: z.enum(CANDIDACY_STATUSES),
    route: z.enum(CANDIDACY_ROUTES),
    createdAt: z.string(),
    dueDate: z.string().nullable(),
    expiresAt: z.string().nullable(),
    letterRouteOffered: z.boolean(),
    attemptsLeft: z.number().nullable(),
    lettersSent: z.number(),
    decidedBy: Person.nullable(),
    decidedAt: z.string().nullable(),
    refusalReason: z.string().nullable(),
    workflow: z.record(z.string(), z.unknown()).nullable().optional().openapi({ description: 'The workflow’s status query (detail only; null once closed)' }),
  })
  .openapi('Candidacy');

export function candidacyRecord(c: Candidacy) {
  return {
    id: c.id,
    workflowId: c.workflowId,
    companyId: c.company.id,
    companySiren: c.companySiren,
    companyName: c.companyName,
    siret: c.siret,
    lastName: c.lastName,
    firstName: c.firstName,
    email: c.email,
    status: c.status,
    route: c.route,
    createdAt: c.createdAt.toISOString(),
    dueDate: c.dueDate?.toISOString() ?? null,
    expiresAt: c.expiresAt?.toISOString() ?? null,
    letterRouteOffered: c.letterRouteOffered,
    attemptsLeft: c.attemptsLeft ?? null,
    lettersSent: c.lettersSent,
    decidedBy: c.decidedBy ? { id: c.decidedBy.id, lastName: c.decidedBy.lastName, firstName: c.decidedBy.firstName } : null,
    decidedAt: c.decidedAt?.toISOString() ?? null,
    refusalReason: c.refusalReason ?? null,
  };
}
