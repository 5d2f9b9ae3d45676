import { randomUUID } from 'node:crypto';
import type { QuarterKey } from '../../domain/prevention/declaration-dates.rules';
import { PreventionDeclaration, PreventionLearner, type LearnerStatus } from '../../domain/prevention/prevention.entities';
import { dsnFilingImporter } from '../../domain/dsn/dsn-filing.importer';
import { seedDemoRights } from '../../domain/seed/demo-rights';
import type { Orm } from '../../platform/orm';
import { createCompany, createOtherCompany } from './rights.fixtures';

/** A NIR from its 13 first characters and its key (97 − n mod 97). */
export const nirWithKey = (body: string) => body + String(97 - Number(BigInt(body) % 97n)).padStart(2, '0');

/**
 * The parties of the passport's HTTP tests: a training body (a declarant
 * habilitated to declare, one who only consults), Boulangerie Martin's
 * demo rights and Menuiserie Durand as employers. The passport is
 * PAYROLL_LINKED: each company acts for the SIRETs whose DSN it filed
 * lately (its own here).
 */
export async function preventionParties(orm: Orm) {
  const durand = await createOtherCompany(orm);
  const of = await createCompany(orm, {
    sirenPrefix: '38012986',
    legalName: 'Organisme Prévention Formation',
    establishments: 1,
    service: 'PREVENTION_PASSPORT',
    people: [
      { lastName: 'BERNARD', firstName: 'Lucie', rights: 'declare' },
      { lastName: 'GIRARD', firstName: 'Hugo', rights: 'consult' },
    ],
  });
  await seedDemoRights(orm.em.fork());
  const month = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 1, 1)).toISOString().slice(0, 10);
  await dsnFilingImporter.write(
    orm.em.fork(),
    [of.sirets[0], durand.siret].map((siret) => ({ declaringSiret: siret, declaredSiret: siret, period: month, filedAt: new Date().toISOString(), declaringAccountId: null })),
  );
  return { durand, of };
}

/** A training body's declaration of `quarter`, written straight to the database, with one learner per status given, employed by `siren`: their ids. */
export async function declaredLines(orm: Orm, siren: string, quarter: QuarterKey, statuses: LearnerStatus[], nir = nirWithKey('1850578006084')): Promise<string[]> {
  const em = orm.em.fork();
  const year = quarter.slice(0, 4);
  const declaration = em.create(PreventionDeclaration, {
    declarantKind: 'TRAINING_BODY',
    declarantSiret: '11223344500012',
    declaredBy: randomUUID(),
    channel: 'FORM',
    proofType: 'ATTENDANCE',
    title: 'Habilitation électrique',
    trainingStart: `${year}-01-12`,
    trainingEnd: `${year}-01-14`,
    proofValidFrom: null,
    modality: 'IN_PERSON',
    romeSkills: [],
    trainerQualification: 'Formateur habilité',
    certificationKind: 'RS',
    certificationCode: 'RS1234',
    quarter,
    deadline: `${year}-06-30`,
    daysLate: 0,
  });
  const learners = statuses.map((status, i) =>
    em.create(PreventionLearner, {
      declaration,
      nir,
      employeePseudonym: `pseudonym-${randomUUID()}-${i}`,
      birthName: 'MARTIN',
      firstNames: 'Jean',
      birthDate: '1985-05-12',
      employerSiret: `${siren}00011`,
      employerSiren: siren,
      quarter,
      status,
    }),
  );
  await em.flush();
  return learners.map((l) => l.id);
}
