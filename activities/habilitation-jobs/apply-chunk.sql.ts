import { APPLY_REJECTIONS } from '../../domain/habilitation-jobs/habilitation-job.status';

/** A cell's state as the matrix's audit events carry it (api/habilitations/habilitations.service.ts). */
const state = (t: string) =>
  `jsonb_build_object('accountId', ${t}.account_id, 'siret', ${t}.siret, 'serviceCode', ${t}.service_code, 'portfolioId', ${t}.portfolio_id, 'canDeclare', ${t}.can_declare, 'canPay', ${t}.can_pay, 'canConsult', ${t}.can_consult)`;

/** The existing cells a chunk touches, locked until it commits: a change through the matrix meanwhile waits. */
export const LOCK_CHUNK_CELLS = `
select h.id from habilitation h
  join habilitation_job_change c on c.account_id = h.account_id and c.siret = h.siret and c.service_code = h.service_code
 where c.job_id = ? and c.seq between ? and ?
 order by h.id for update of h`;

/**
 * One chunk of a job's plan, seq from..to, in one statement. Each cell is
 * checked against what holds now: held through another portfolio (never
 * overwritten, nor revoked), its declarant no longer an active member of
 * the company, its SIRET or service no longer in the portfolio — each a
 * rejected line keyed by the change's seq. GRANT upserts the cell with the
 * job's portfolio, REVOKE deletes it, a cell already as planned is left
 * alone; one audit event per habilitation changed (keyed by job and seq),
 * by the job's author; the job's progress moves on. Statement-level
 * triggers of the change feed fire for the insert, update and delete.
 * Parameters: job id, from seq, to seq.
 */
export const APPLY_CHUNK = `
with p as (select ?::uuid as job_id, ?::int as from_seq, ?::int as to_seq),
job as (
  select j.id, j.portfolio_id, j.company_id, j.created_by, a.id as actor_id, coalesce(a.first_name || ' ' || a.last_name, 'system') as actor_label
    from habilitation_job j join p on j.id = p.job_id left join account a on a.id = j.created_by
),
chunk as (
  select distinct on (c.account_id, c.siret, c.service_code) c.seq, c.line, c.account_id, c.siret, c.service_code, c.action, c.can_declare, c.can_pay, c.can_consult
    from habilitation_job_change c join p on c.job_id = p.job_id
   where c.seq between p.from_seq and p.to_seq
   order by c.account_id, c.siret, c.service_code, c.seq desc
),
verdict as (
  select c.*, h.id as old_id, h.portfolio_id as old_portfolio_id, h.can_declare as old_declare, h.can_pay as old_pay, h.can_consult as old_consult,
    case
      when h.portfolio_id <> job.portfolio_id then '${APPLY_REJECTIONS.OTHER_PORTFOLIO}'
      when c.action = 'REVOKE' then null
      when not exists (select 1 from account a where a.id = c.account_id and a.company_id = job.company_id and a.role in ('DECLARANT', 'ADMINISTRATOR') and a.status <> 'RADIATED')
        then '${APPLY_REJECTIONS.HOLDER_GONE}'
      when not exists (select 1 from portfolio_establishment pe where pe.portfolio_id = job.portfolio_id and pe.siret = c.siret)
        then '${APPLY_REJECTIONS.SIRET_NOT_IN_PORTFOLIO}'
      when not exists (select 1 from portfolio_service ps where ps.portfolio_id = job.portfolio_id and ps.service_code = c.service_code)
        then '${APPLY_REJECTIONS.SERVICE_NOT_IN_PORTFOLIO}'
    end as refusal
  from chunk c cross join job
  left join habilitation h on h.account_id = c.account_id and h.siret = c.siret and h.service_code = c.service_code
),
refused as (
  insert into habilitation_job_rejected_line (job_id, line, code, params, seq)
  select job.id, v.line, v.refusal, jsonb_build_object('accountId', v.account_id, 'siret', v.siret, 'serviceCode', v.service_code, 'action', v.action), v.seq
    from verdict v cross join job
   where v.refusal is not null
  on conflict (job_id, seq) do nothing
  returning seq
),
granted as (
  insert into habilitation as h (id, created_at, account_id, siret, service_code, portfolio_id, can_declare, can_pay, can_consult, granted_by)
  select gen_random_uuid(), now(), v.account_id, v.siret, v.service_code, job.portfolio_id, v.can_declare, v.can_pay, v.can_consult, job.created_by
    from verdict v cross join job
   where v.action = 'GRANT' and v.refusal is null
     and (v.old_id is null or (v.old_declare, v.old_pay, v.old_consult) is distinct from (v.can_declare, v.can_pay, v.can_consult))
  on conflict (account_id, siret, service_code) do update
     set can_declare = excluded.can_declare, can_pay = excluded.can_pay, can_consult = excluded.can_consult, granted_by = excluded.granted_by
   where h.portfolio_id = excluded.portfolio_id
  returning h.id, h.account_id, h.siret, h.service_code, h.portfolio_id, h.can_declare, h.can_pay, h.can_consult, (xmax = 0) as inserted
),
revoked as (
  delete from habilitation h using verdict v, job
   where v.action = 'REVOKE' and v.refusal is null and h.id = v.old_id and h.portfolio_id = job.portfolio_id
  returning h.id, h.account_id, h.siret, h.service_code, h.portfolio_id, h.can_declare, h.can_pay, h.can_consult
),
events as (
  select g.id, v.seq,
         case when g.inserted then 'HABILITATION.GRANTED' else 'HABILITATION.CHANGED' end as action,
         case when g.inserted or v.old_id is null then null
              else jsonb_build_object('accountId', v.account_id, 'siret', v.siret, 'serviceCode', v.service_code, 'portfolioId', v.old_portfolio_id,
                                      'canDeclare', v.old_declare, 'canPay', v.old_pay, 'canConsult', v.old_consult) end as before,
         ${state('g')} || jsonb_build_object('jobId', p.job_id) as after
    from granted g join verdict v on v.account_id = g.account_id and v.siret = g.siret and v.service_code = g.service_code cross join p
  union all
  select r.id, v.seq, 'HABILITATION.REVOKED', ${state('r')}, jsonb_build_object('jobId', p.job_id)
    from revoked r join verdict v on v.old_id = r.id cross join p
),
audited as (
  insert into audit_event (id, at, actor_id, actor_label, action, target_type, target_id, company_id, before, after, dedupe_key)
  select gen_random_uuid(), now(), job.actor_id, job.actor_label, e.action, 'Habilitation', e.id::text, job.company_id, e.before, e.after, 'habilitation-job/' || job.id || '/' || e.seq
    from events e cross join job
  on conflict (dedupe_key) do nothing
  returning action
),
progress as (
  update habilitation_job j
     set changes_done = greatest(j.changes_done, least(p.to_seq, j.changes_total)),
         changes_rejected = j.changes_rejected + (select count(*) from refused),
         updated_at = now()
    from p where j.id = p.job_id
  returning j.changes_done
)
select (select changes_done from progress) as done,
       (select count(*)::int from audited where action = 'HABILITATION.GRANTED') as granted,
       (select count(*)::int from audited where action = 'HABILITATION.CHANGED') as changed,
       (select count(*)::int from audited where action = 'HABILITATION.REVOKED') as revoked,
       (select count(*)::int from refused) as rejected`;
