import type { MikroORM } from '@mikro-orm/postgresql';
import { AccountStatus } from '../../domain/account/account.entity';
import { appendAudit } from '../../domain/audit/audit-trail';
import { Candidacy } from '../../domain/candidacy/candidacy.entity';
import { applyArrivalSnapshot as applySnapshot, arrivalSnapshotOf, endArrivalRecord, type ArrivalSnapshot } from '../../domain/collaborators/arrival-record';
import { Arrival } from '../../domain/collaborators/arrival.entity';
import type { ArrivalCancelCause } from '../../domain/collaborators/collaborators.status';
import { candidacyWorkflowId } from '../../workflows/administrator-candidacy/administrator-candidacy.messages';
import { useLink } from '../confirmation/use-link';
import { once } from '../shared/once';
import { actorOf } from '../shared/actor';

export interface ArrivalDeps {
  orm: MikroORM;
}

/** What the read model shows of the workflow's state. */
export type { ArrivalSnapshot };

export interface ArrivalTransition {
  arrivalId: string;
  /** Workflow step name, unique within the run. */
  step: string;
  /** Audit action, e.g. ARRIVAL.INVITED. */
  action: string;
  actorId?: string | null;
  snapshot: ArrivalSnapshot;
  details?: Record<string, unknown>;
}

export interface CompleteArrivalRequest {
  arrivalId: string;
  tokenId: string;
  snapshot: ArrivalSnapshot;
}

export interface EndArrivalRequest {
  arrivalId: string;
  step: string;
  outcome: 'EXPIRED' | 'CANCELLED';
  actorId?: string | null;
  /** A person's own words. */
  reason?: string | null;
  /** Cancelled by a departure's process: why, as a code. */
  cause?: ArrivalCancelCause;
  snapshot: ArrivalSnapshot;
}

/** A right granted at confirmation, as the audit trail records it. */
interface GrantedRow {
  id: string;
  siret: string;
  service_code: string;
  portfolio_id: string;
  can_declare: boolean;
  can_pay: boolean;
  can_consult: boolean;
}

/**
 * Grants the planned rights that are still grantable (the portfolio still
 * holds the SIRET and the service) in one statement; a cell the account
 * already holds is left as it is.
 */
const GRANT_PLANNED = `
insert into habilitation (id, created_at, account_id, siret, service_code, portfolio_id, can_declare, can_pay, can_consult, granted_by)
select gen_random_uuid(), now(), ?, r."siret", r."serviceCode", r."portfolioId"::uuid, r."canDeclare", r."canPay", r."canConsult", ?
  from jsonb_to_recordset(?::jsonb) as r("portfolioId" text, "siret" text, "serviceCode" text, "canDeclare" boolean, "canPay" boolean, "canConsult" boolean)
  join portfolio p on p.id = r."portfolioId"::uuid and p.company_id = ?
  join portfolio_establishment pe on pe.portfolio_id = p.id and pe.siret = r."siret"
  join portfolio_service ps on ps.portfolio_id = p.id and ps.service_code = r."serviceCode"
on conflict (account_id, siret, service_code) do nothing
returning id, siret, service_code, portfolio_id, can_declare, can_pay, can_consult`;

/** The arrival's effects: read model, audit trail, the account's activation with its rights, or its removal. */
export function createArrivalActivities({ orm }: ArrivalDeps) {
  return {
    /** One transition of the workflow (invited, reminded, re-dated): the read model follows, the audit trail records it. */
    async recordArrivalState(t: ArrivalTransition): Promise<void> {
      await once(
        orm,
        t.step,
        async (em, key) => {
          const arrival = await em.findOneOrFail(Arrival, t.arrivalId);
          const before = snapshotOf(arrival);
          applySnapshot(arrival, t.snapshot);
          appendAudit(em, {
            ...(await actorOf(em, t.actorId)),
            action: t.action,
            targetType: 'Arrival',
            targetId: arrival.id,
            companyId: arrival.company.id,
            before,
            after: { ...snapshotOf(arrival), ...t.details },
            dedupeKey: key,
          });
        },
        async () => undefined,
      );
    },

    /**
     * The collaborator confirmed his address (his password was stored by the
     * API just before): the link is used, the account becomes ACTIVE and
     * receives the planned rights, all in one transaction. Returns when.
     */
    async completeArrival(req: CompleteArrivalRequest): Promise<string> {
      return once(
        orm,
        'complete',
        async (em, key) => {
          const now = new Date();
          await useLink(em, req.tokenId, now);
          const arrival = await em.findOneOrFail(Arrival, req.arrivalId, { populate: ['account'] });
          const account = arrival.account!;
          const companyId = arrival.company.id;
          const before = snapshotOf(arrival);
          account.status = AccountStatus.ACTIVE;
          account.emailConfirmedAt = now;
          const granted = (await em.execute(GRANT_PLANNED, [account.id, arrival.createdBy ?? null, JSON.stringify(arrival.rights), companyId])) as GrantedRow[];
          for (const row of granted) {
            appendAudit(em, {
              ...(await actorOf(em, arrival.createdBy)),
              action: 'HABILITATION.GRANTED',
              targetType: 'Habilitation',
              targetId: row.id,
              companyId,
              after: {
                accountId: account.id,
                siret: row.siret,
                serviceCode: row.service_code,
                portfolioId: row.portfolio_id,
                canDeclare: row.can_declare,
                canPay: row.can_pay,
                canConsult: row.can_consult,
                arrivalId: arrival.id,
              },
            });
          }
          applySnapshot(arrival, req.snapshot);
          Object.assign(arrival, { status: 'COMPLETED', completedAt: now });
          appendAudit(em, {
            action: 'ARRIVAL.COMPLETED',
            targetType: 'Arrival',
            targetId: arrival.id,
            companyId,
            before,
            after: { ...snapshotOf(arrival), accountStatus: account.status, rightsGranted: granted.length, rightsPlanned: arrival.rights.length },
            dedupeKey: key,
          });
          return now.toISOString();
        },
        async (_em, _key, done) => done.at.toISOString(),
      );
    },

    /** Cancelled or expired before any confirmation: the PENDING account (and its links) go, its rights were never granted. */
    async endArrival(req: EndArrivalRequest): Promise<void> {
      await once(
        orm,
        req.step,
        async (em, key) => {
          const { arrivalId, outcome, reason, cause, snapshot } = req;
          await endArrivalRecord(em, { arrivalId, outcome, reason, cause, snapshot, actor: await actorOf(em, req.actorId), dedupeKey: key });
        },
        async () => undefined,
      );
    },

    /**
     * An administrator candidate confirmed his address: his candidacy's read
     * model is opened (once), for the candidacy workflow the arrival starts.
     */
    async openArrivalCandidacy(arrivalId: string): Promise<{ candidacyId: string; workflowId: string }> {
      return orm.em.fork().transactional(async (em) => {
        const arrival = await em.findOneOrFail(Arrival, arrivalId, { populate: ['company'] });
        if (arrival.candidacyId) return { candidacyId: arrival.candidacyId, workflowId: candidacyWorkflowId(arrival.candidacyId) };
        const candidacy = em.create(Candidacy, {
          workflowId: '',
          company: arrival.company,
          companySiren: arrival.company.siren,
          companyName: arrival.company.legalName,
          account: arrival.account,
          siret: arrival.siret,
          lastName: arrival.lastName,
          firstName: arrival.firstName,
          email: arrival.email,
        });
        candidacy.workflowId = candidacyWorkflowId(candidacy.id);
        arrival.candidacyId = candidacy.id;
        appendAudit(em, {
          action: 'CANDIDACY.APPLIED',
          targetType: 'Candidacy',
          targetId: candidacy.id,
          companyId: arrival.company.id,
          after: { siret: arrival.siret, lastName: arrival.lastName, firstName: arrival.firstName, arrivalId: arrival.id },
        });
        return { candidacyId: candidacy.id, workflowId: candidacy.workflowId };
      });
    },
  };
}

export type ArrivalActivities = ReturnType<typeof createArrivalActivities>;

const snapshotOf = (a: Arrival): Record<string, unknown> => ({ ...arrivalSnapshotOf(a) });

