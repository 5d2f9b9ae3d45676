import type { EntityManager } from '@mikro-orm/postgresql';
import { auditActor } from '../../domain/account/audit-actor';
import { appendAudit } from '../../domain/audit/audit-trail';
import { parisToday } from '../../domain/collaborators/effective-date.rules';
import { Establishment, EstablishmentStatus } from '../../domain/company/establishment.entity';
import {
  datesRefusal,
  declarationDeadline,
  lateness,
  openingRefusal,
  quarterOf,
  referenceDay,
  verificationDeadline,
  type QuarterKey,
} from '../../domain/prevention/declaration-dates.rules';
import { PreventionDeclaration, PreventionLearner, PreventionWindow, type Channel, type LearnerStatus } from '../../domain/prevention/prevention.entities';
import { employeePseudonym, pseudonymKey } from '../../domain/prevention/pseudonym';
import { isSupport } from '../access/service-access';
import type { AuthContext } from '../auth/auth.middleware';
import type { ApiContext } from '../context';
import { preventionWindowId } from '../../workflows/prevention-window/prevention-window.messages';
import { mayDeclareFor } from './prevention-access';
import { declarantNotFound, invalidField, notOpenYet, supportReadOnly } from './prevention.errors';
import type { DeclarationCreate } from './prevention.schemas';
import { ensureWindows } from './verification-windows';

const sirenOf = (siret: string) => siret.slice(0, 9);

/**
 * Stores one declaration as the rules say (DOMAIN.md « Passeport de
 * prévention »), or refuses it whole with the field at fault: the declarer
 * declares for his own establishment, inside the opening of his kind and
 * channel; dates in order; each learner once, employed at an active
 * establishment — another company's for a training body, his own
 * company's for an employer. The quarter and the legal deadline come from
 * the dates; a late declaration is stored, marked late by so many days. A
 * training body's lines wait for the employer's verification in the window
 * of (employer SIREN, quarter), started first; lines whose window is over
 * are deemed verified at once. Audited without a NIR.
 */
export async function declare(ctx: ApiContext, em: EntityManager, auth: AuthContext, input: DeclarationCreate, channel: Channel, now = new Date()): Promise<PreventionDeclaration> {
  if (isSupport(auth)) throw supportReadOnly();
  if (!(await mayDeclareFor(ctx, em, auth, input.declarantSiret))) throw declarantNotFound();
  const today = parisToday(now);
  const opening = openingRefusal(input.declarantKind, channel, today);
  if (opening) throw notOpenYet(opening.opensOn);
  const dates = datesRefusal(input, today);
  if (dates) throw invalidField(dates.field, dates.code, dates.message);
  await checkLearners(em, input);
  const key = pseudonymKey(ctx.config.letterKey);
  const pseudonyms = input.learners.map((l) => employeePseudonym(key, l.nir));
  await checkNotDeclaredYet(em, input, pseudonyms);

  const quarter = quarterOf(referenceDay(input));
  const deadline = declarationDeadline(quarter, input.declarantKind);
  const { daysLate } = lateness(deadline, today);
  const statusOf = await verificationStatuses(ctx, em, input, quarter, today);
  const { learners, nsfCode, proofValidFrom, ...fields } = input;
  const declaration = em.create(PreventionDeclaration, {
    ...fields,
    proofValidFrom,
    nsfCode,
    declaredBy: auth.account.id,
    channel,
    quarter,
    deadline,
    daysLate,
  });
  learners.forEach((l, i) => {
    em.create(PreventionLearner, {
      declaration,
      ...l,
      employeePseudonym: pseudonyms[i],
      employerSiren: sirenOf(l.employerSiret),
      quarter,
      status: statusOf(sirenOf(l.employerSiret)),
    });
  });
  appendAudit(em, {
    ...auditActor(auth.account),
    action: 'PREVENTION.DECLARED',
    targetType: 'PreventionDeclaration',
    targetId: declaration.id,
    companyId: auth.account.company.id,
    after: { declarantSiret: input.declarantSiret, declarantKind: input.declarantKind, quarter, deadline, daysLate, learners: learners.length, channel },
  });
  await em.flush();
  return declaration;
}

async function checkLearners(em: EntityManager, input: DeclarationCreate): Promise<void> {
  const seen = new Set<string>();
  input.learners.forEach((l, i) => {
    if (seen.has(l.nir)) throw invalidField(`learners.${i}.nir`, 'PREVENTION.LEARNER_TWICE', 'Cet apprenant figure déjà dans la déclaration.');
    seen.add(l.nir);
  });
  const sirets = [...new Set(input.learners.map((l) => l.employerSiret))];
  const active = new Set((await em.find(Establishment, { siret: { $in: sirets }, status: EstablishmentStatus.ACTIVE }, { fields: ['siret'] })).map((e) => e.siret));
  const own = sirenOf(input.declarantSiret);
  input.learners.forEach((l, i) => {
    const field = `learners.${i}.employerSiret`;
    if (!active.has(l.employerSiret)) throw invalidField(field, 'PREVENTION.EMPLOYER_NOT_ACTIVE', 'SIRET employeur inconnu ou fermé : un établissement actif est attendu.');
    const ownEmployee = sirenOf(l.employerSiret) === own;
    if (input.declarantKind === 'EMPLOYER' && !ownEmployee) {
      throw invalidField(field, 'PREVENTION.NOT_OWN_EMPLOYEE', 'Un employeur déclare les formations de ses propres salariés : cet établissement n’est pas de votre entreprise.');
    }
    if (input.declarantKind === 'TRAINING_BODY' && ownEmployee) {
      throw invalidField(field, 'PREVENTION.OWN_EMPLOYEE', 'Vos propres salariés se déclarent en tant qu’employeur, non en tant qu’organisme de formation.');
    }
  });
}

/**
 * A learner is declared once per training: the same declarer, proof,
 * title, dates and certification for the same person (by pseudonym) is refused —
 * a file sent twice or a form submitted twice stores nothing the second
 * time. Declaring again after deleting the line is the way to correct it.
 * The declarer's declarations are taken one at a time (a transaction lock
 * on its SIRET), so two uploads at once cannot both pass this check.
 */
async function checkNotDeclaredYet(em: EntityManager, input: DeclarationCreate, pseudonyms: string[]): Promise<void> {
  await em.execute('select pg_advisory_xact_lock(hashtext(?))', [`prevention-declarant:${input.declarantSiret}`]);
  const declared = await em.find(
    PreventionLearner,
    {
      employeePseudonym: { $in: pseudonyms },
      declaration: {
        declarantSiret: input.declarantSiret,
        proofType: input.proofType,
        title: input.title,
        trainingStart: input.trainingStart,
        trainingEnd: input.trainingEnd,
        certificationKind: input.certificationKind,
        certificationCode: input.certificationCode,
      },
    },
    { fields: ['employeePseudonym'] },
  );
  const already = new Set(declared.map((l) => l.employeePseudonym));
  const i = pseudonyms.findIndex((p) => already.has(p));
  if (i >= 0) {
    throw invalidField(`learners.${i}.nir`, 'PREVENTION.ALREADY_DECLARED', 'Cet apprenant est déjà déclaré pour cette formation (même intitulé, mêmes dates et certification) : supprimez sa ligne pour le déclarer à nouveau.');
  }
}

/**
 * Each employer's status for the lines of this declaration: an employer's
 * own lines need no verification; a training body's wait in their window,
 * unless it is over (its read model closed, or its deadline passed with no
 * window open) — then they are deemed verified.
 */
async function verificationStatuses(ctx: ApiContext, em: EntityManager, input: DeclarationCreate, quarter: QuarterKey, today: string): Promise<(siren: string) => LearnerStatus> {
  if (input.declarantKind === 'EMPLOYER') return () => 'EMPLOYER_DECLARED';
  const sirens = [...new Set(input.learners.map((l) => sirenOf(l.employerSiret)))];
  const windows = new Map((await em.find(PreventionWindow, { employerSiren: { $in: sirens }, quarter })).map((w) => [w.employerSiren, w]));
  const deadline = verificationDeadline(quarter, ctx.config.preventionVerificationMonths);
  const over = new Set(sirens.filter((s) => (windows.get(s) ? windows.get(s)!.status !== 'OPEN' : today > deadline)));
  const closed = await ensureWindows(
    ctx.temporal,
    sirens.filter((s) => !over.has(s)).map((employerSiren) => ({ employerSiren, quarter, deadline })),
  );
  for (const s of sirens) if (closed.has(preventionWindowId(s, quarter))) over.add(s);
  return (siren) => (over.has(siren) ? 'DEEMED_VERIFIED' : 'PENDING_VERIFICATION');
}
