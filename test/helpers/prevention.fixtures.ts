import { randomUUID } from 'node:crypto';
import type { QuarterKey } from '../../domain/prevention/declaration-dates.rules';
import { PreventionDeclaration, PreventionLearner, type LearnerStatus } from '../../domain/prevention/prevention.entities';
import { dsnFilingImporter } from '../../domain/dsn/dsn-filing.importer';
import { seedDemoRights } from '../../domain/seed/demo-rights';
import type { Orm } from '../../platform/orm';
import { createCompany, createOtherCompany } from './rights.fixtures';

/** Corsica's départements count as 19 (2A) and 18 (2B) in the key. */
const CORSICA_IN_KEY: Record<string, string> = { '2A': '19', '2B': '18' };

/** A NIR from its 13 first characters and its key (97 − n mod 97, 2A → 19 and 2B → 18). */
export const nirWithKey = (body: string) => {
  const digits = body.slice(0, 5) + (CORSICA_IN_KEY[body.slice(5, 7)] ?? body.slice(5, 7)) + body.slice(7);
  return body + String(97 - Number(BigInt(digits) % 97n)).padStart(2, '0');
};

type Person = Parameters<typeof createCompany>[1]['people'][number];

/** The month before this one, as a DSN period (YYYY-MM-01). */
const lastMonth = () => new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 1, 1)).toISOString().slice(0, 10);

/** Each SIRET's company filed its own DSN last month: the passport is PAYROLL_LINKED, a company acts for the SIRETs whose DSN it filed lately. */
export const filedOwnDsn = (orm: Orm, sirets: string[]) =>
  dsnFilingImporter.write(
    orm.em.fork(),
    sirets.map((siret) => ({ declaringSiret: siret, declaredSiret: siret, period: lastMonth(), filedAt: new Date().toISOString(), declaringAccountId: null })),
  );

/** A training body of its own company (one establishment), habilitated on the passport, that filed its DSN lately. */
export async function trainingBody(orm: Orm, people: Person[]) {
  const of = await createCompany(orm, { sirenPrefix: '38012986', legalName: 'Organisme Prévention Formation', establishments: 1, service: 'PREVENTION_PASSPORT', people });
  await filedOwnDsn(orm, of.sirets);
  return of;
}

/**
 * The parties of the passport's HTTP tests: a training body (a declarant
 * habilitated to declare, one who only consults), Boulangerie Martin's
 * demo rights and Menuiserie Durand as employers.
 */
export async function preventionParties(orm: Orm) {
  const durand = await createOtherCompany(orm);
  const of = await trainingBody(orm, [
    { lastName: 'BERNARD', firstName: 'Lucie', rights: 'declare' },
    { lastName: 'GIRARD', firstName: 'Hugo', rights: 'consult' },
  ]);
  await seedDemoRights(orm.em.fork());
  await filedOwnDsn(orm, [durand.siret]);
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
