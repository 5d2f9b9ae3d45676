import type { EntityManager } from '@mikro-orm/postgresql';
import type { PreventionCheck } from '../../domain/prevention/prevention.entities';

/**
 * An employer's employees of a year — the employment relations of his
 * SIRETs active at some point of it (pseudonymous DSN ids) — with the
 * learners' lines naming them that year (the learner's pseudonym is the
 * employee id), for his yearly check. The SIRETs of a SIREN are read as a
 * range of the relation's index.
 */
const EMPLOYEES = `
  with emp as (
    select distinct r.employer_siret, r.employee_id from employment_relation r
     where r.employer_siret between ? and ? and r.start_date <= ?::date and (r.end_date is null or r.end_date >= ?::date)
  ), lines as (
    select e.employer_siret, e.employee_id,
           coalesce(jsonb_agg(jsonb_build_object(
             'learnerId', l.id, 'declarationId', l.declaration_id, 'title', d.title, 'trainingEnd', d.training_end, 'quarter', l.quarter,
             'status', l.status, 'birthName', l.birth_name, 'firstNames', l.first_names) order by d.training_end) filter (where l.id is not null), '[]'::jsonb) as declarations
      from emp e
      left join prevention_learner l on l.employee_pseudonym = e.employee_id and l.employer_siren = ? and l.quarter like ?
      left join prevention_declaration d on d.id = l.declaration_id
     group by e.employer_siret, e.employee_id
  )`;

function params(check: PreventionCheck) {
  const { year, employerSiren } = check;
  return [`${employerSiren}00000`, `${employerSiren}99999`, `${year}-12-31`, `${year}-01-01`, employerSiren, `${year}-Q%`];
}

const declaredWhere = (declared: boolean | undefined) =>
  declared === undefined ? '' : declared ? `where jsonb_array_length(declarations) > 0` : `where jsonb_array_length(declarations) = 0`;

export interface CheckEmployee {
  employer_siret: string;
  employee_id: string;
  declarations: { learnerId: string; declarationId: string; title: string; trainingEnd: string; quarter: string; status: string; birthName: string; firstNames: string }[];
}

export async function checkEmployees(em: EntityManager, check: PreventionCheck, page: { declared?: boolean; offset: number; limit: number }): Promise<{ items: CheckEmployee[]; total: number }> {
  const where = declaredWhere(page.declared);
  const [items, [{ n }]] = await Promise.all([
    em.execute<CheckEmployee[]>(`${EMPLOYEES} select * from lines ${where} order by employer_siret, employee_id limit ? offset ?`, [...params(check), page.limit, page.offset]),
    em.execute<{ n: string }[]>(`${EMPLOYEES} select count(*) as n from lines ${where}`, params(check)),
  ]);
  return { items, total: Number(n) };
}

/** The check's counts: employees, with and without a declaration that year, and the lines of that year still awaiting verification. */
export async function checkCounts(em: EntityManager, check: PreventionCheck) {
  const [row] = await em.execute<{ employees: string; with_declaration: string; awaiting: string }[]>(
    `${EMPLOYEES}
     select count(*) as employees, count(*) filter (where jsonb_array_length(declarations) > 0) as with_declaration,
            (select count(*) from prevention_learner p where p.employer_siren = ? and p.quarter like ? and p.status = 'PENDING_VERIFICATION') as awaiting
       from lines`,
    [...params(check), check.employerSiren, `${check.year}-Q%`],
  );
  const employees = Number(row.employees);
  const withDeclaration = Number(row.with_declaration);
  return { employees, withDeclaration, without: employees - withDeclaration, awaitingVerification: Number(row.awaiting) };
}
