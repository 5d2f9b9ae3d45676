import { randomUUID } from 'node:crypto';
import { Context } from '@temporalio/activity';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { radiateAccount } from '../../domain/account/account-closure';
import { Account, AccountRole, AccountStatus, AdminStatus } from '../../domain/account/account.entity';
import { AuditEvent, SYSTEM_ACTOR } from '../../domain/audit/audit-event.entity';
import { appendAudit } from '../../domain/audit/audit-trail';
import { activeAdministrators } from '../../domain/auth/active-administrators';
import type { DepartureRightsMode, DepartureStatus, DepartureWaitingReason, RightOutcome, RightReport } from '../../domain/collaborators/collaborators.status';
import { Departure } from '../../domain/collaborators/departure.entity';
import { changeDepartureRecord, departureSnapshotOf as snapshotOf } from '../../domain/collaborators/departure-record';
import { lastAdministratorGuard } from '../../domain/collaborators/last-administrator.rules';
import { actorOf } from '../shared/actor';
import { once } from '../shared/once';
import { stepKey } from '../shared/step-key';

export interface DepartureDeps {
  orm: MikroORM;
}

export interface DepartureTransition {
  departureId: string;
  step: string;
  /** Audit action, e.g. DEPARTURE.WAITING_FOR_TARGET. */
  action: string;
  actorId?: string | null;
  status: DepartureStatus;
  effectiveDate: string;
  waitingReason?: DepartureWaitingReason | null;
  details?: Record<string, unknown>;
  /** Retargeted: where the rights go now (an existing collaborator, or nobody). */
  target?: { rightsMode: DepartureRightsMode; toAccountId: string | null };
}

export interface ApplyDepartureRequest {
  departureId: string;
  /** Who receives the rights; null revokes them. */
  toAccountId: string | null;
}

/** Not applied: why (a code the console puts in words); `radiated` once the leaver's account is closed, his rights held for the target. */
export type ApplyOutcome = { applied: true; transferred: number; revoked: number } | { applied: false; reason: DepartureWaitingReason; radiated?: boolean };

/** The leaver's account closed at the date, or why not yet (the last-administrator guard). */
export type RadiationOutcome = { radiated: true } | { radiated: false; reason: DepartureWaitingReason };

/** One of the leaver's rights, read under lock before it moves. */
interface LeaverRight {
  id: string;
  siret: string;
  service_code: string;
  portfolio_id: string;
  portfolio_name: string;
  can_declare: boolean;
  can_pay: boolean;
  can_consult: boolean;
}

interface MovedRight {
  id: string;
  siret: string;
  service_code: string;
  can_declare: boolean;
  can_pay: boolean;
  can_consult: boolean;
  inserted: boolean;
}

/**
 * The transfer rule of domain/collaborators/transfer.rules.ts in one
 * statement: the target ends with the union, one cell per SIRET × service;
 * a cell he already held keeps its portfolio and ORs each flag. `xmax = 0`
 * tells a new row from a merged one, whatever else ran concurrently.
 */
const TRANSFER = `
insert into habilitation (id, created_at, account_id, siret, service_code, portfolio_id, can_declare, can_pay, can_consult, granted_by)
select gen_random_uuid(), now(), ?, h.siret, h.service_code, h.portfolio_id, h.can_declare, h.can_pay, h.can_consult, h.granted_by
  from habilitation h where h.account_id = ?
on conflict (account_id, siret, service_code) do update set
  can_declare = habilitation.can_declare or excluded.can_declare,
  can_pay = habilitation.can_pay or excluded.can_pay,
  can_consult = habilitation.can_consult or excluded.can_consult
returning id, siret, service_code, can_declare, can_pay, can_consult, (xmax = 0) as inserted`;

const LEAVER_RIGHTS = `
select h.id, h.siret, h.service_code, h.portfolio_id, p.name as portfolio_name, h.can_declare, h.can_pay, h.can_consult
  from habilitation h join portfolio p on p.id = h.portfolio_id
 where h.account_id = ? order by h.siret, h.service_code for update of h`;

const AUDIT_CHUNK = 1000;

/** The departure's effects: read model, audit trail, and at the date the radiation with its rights. */
export function createDepartureActivities({ orm }: DepartureDeps) {
  return {
    /** One transition of the workflow (re-dated, waiting, cancelled): the read model follows, the audit trail records it. */
    async recordDepartureState(t: DepartureTransition): Promise<void> {
      await once(
        orm,
        t.step,
        async (em, key) => {
          const { departureId, action, status, effectiveDate, waitingReason, details, target } = t;
          await changeDepartureRecord(em, { departureId, action, status, effectiveDate, waitingReason, details, target, actor: await actorOf(em, t.actorId), dedupeKey: key });
        },
        async () => undefined,
      );
    },

    /**
     * At the date, while nobody can receive the rights yet (the new
     * collaborator has not confirmed): the leaver's account is RADIATED and
     * every session of his ends, his rights held on the closed account —
     * which no decision honours — until `applyDeparture` moves them. Refuses,
     * changing nothing, while the last-administrator guard is not met.
     */
    async radiateLeaver({ departureId }: { departureId: string }): Promise<RadiationOutcome> {
      return orm.em.fork().transactional(async (em) => {
        const departure = await lockedDeparture(em, departureId);
        if (departure.account.status === AccountStatus.RADIATED) return { radiated: true };
        const refusal = await guardRefusal(em, departure);
        if (refusal) return { radiated: false, reason: refusal };
        await radiate(em, departure, { rightsHeld: await heldRights(em, departure) });
        return { radiated: true };
      });
    },

    /**
     * The departure at its date, in ONE transaction: the leaver's rights go
     * to the target (union, one audit line per right) or are revoked, his
     * account is RADIATED (unless it already is) and every session of his
     * ends; API keys he created stay with the company. Departures of one
     * company apply one at a time (company row locked). While the target is
     * not active the account is radiated all the same and the rights wait
     * on it; while the last-administrator guard is not met nothing changes.
     * Either way it answers the reason support reads.
     */
    async applyDeparture(req: ApplyDepartureRequest): Promise<ApplyOutcome> {
      return once(
        orm,
        'apply',
        async (em, key) => {
          const departure = await lockedDeparture(em, req.departureId);
          const doneMeanwhile = await em.findOne(AuditEvent, { dedupeKey: key });
          if (doneMeanwhile) return outcomeOf(doneMeanwhile);
          const leaver = departure.account;
          const companyId = departure.company.id;
          const radiated = leaver.status === AccountStatus.RADIATED;
          const guard = radiated ? null : await guardRefusal(em, departure);
          if (guard) return { applied: false, reason: guard };
          const target = req.toAccountId ? await em.findOne(Account, { id: req.toAccountId, company: companyId }) : null;
          const notReady = targetRefusal(req.toAccountId, target);
          if (notReady) {
            if (!radiated) await radiate(em, departure, { rightsHeld: await heldRights(em, departure) });
            return { applied: false, reason: notReady, radiated: true };
          }
          heartbeat('rights');

          const rights = (await em.execute(LEAVER_RIGHTS, [leaver.id])) as LeaverRight[];
          const results = new Map<string, MovedRight>();
          if (target) for (const moved of (await em.execute(TRANSFER, [target.id, leaver.id])) as MovedRight[]) results.set(cell(moved), moved);
          await em.execute('delete from habilitation where account_id = ?', [leaver.id]);
          heartbeat('audit');

          const report: RightReport[] = rights.map((r) => ({
            portfolioId: r.portfolio_id,
            portfolioName: r.portfolio_name,
            siret: r.siret,
            serviceCode: r.service_code,
            canDeclare: r.can_declare,
            canPay: r.can_pay,
            canConsult: r.can_consult,
            outcome: !target ? 'REVOKED' : results.get(cell(r))!.inserted ? 'TRANSFERRED' : 'ALREADY_HELD',
          }));
          const by = await actorOf(em, departure.createdBy);
          const lines = rights.map((r, i) => rightAuditLine(r, report[i].outcome, results.get(cell(r)), { leaverId: leaver.id, targetId: target?.id ?? null, companyId, departureId: departure.id, by }));
          for (let i = 0; i < lines.length; i += AUDIT_CHUNK) {
            await em.insertMany(AuditEvent, lines.slice(i, i + AUDIT_CHUNK));
            heartbeat('audit');
          }

          const transferred = target ? rights.length : 0;
          const revoked = target ? 0 : rights.length;
          if (!radiated) await radiate(em, departure, { toAccountId: target?.id ?? null, transferred, revoked });
          const before = snapshotOf(departure);
          Object.assign(departure, { status: 'COMPLETED', waitingReason: null, transferred, revoked, rights: report, completedAt: new Date() });
          appendAudit(em, {
            action: 'DEPARTURE.COMPLETED',
            targetType: 'Departure',
            targetId: departure.id,
            companyId,
            before,
            after: { ...snapshotOf(departure), transferred, revoked },
            dedupeKey: key,
          });
          return { applied: true, transferred, revoked };
        },
        async (_em, _key, done) => outcomeOf(done),
      );
    },
  };
}

export type DepartureActivities = ReturnType<typeof createDepartureActivities>;

const cell = (r: { siret: string; service_code: string }) => `${r.siret}|${r.service_code}`;

function heartbeat(stage: string): void {
  Context.current().heartbeat(stage);
}

/** The departure with its leaver, its company's row locked: departures of one company change accounts one at a time. */
async function lockedDeparture(em: EntityManager, departureId: string): Promise<Departure> {
  const departure = await em.findOneOrFail(Departure, departureId, { populate: ['account'] });
  await em.execute('select id from company where id = ? for update', [departure.company.id]);
  return departure;
}

/** How many rights the leaver holds (held for the target once he is radiated). */
async function heldRights(em: EntityManager, departure: Departure): Promise<number> {
  const [{ n }] = (await em.execute('select count(*)::int as n from habilitation where account_id = ?', [departure.account.id])) as Array<{ n: number }>;
  return n;
}

/** The leaver's account closes (once per run: the audit event's key), every session of his ends. */
async function radiate(em: EntityManager, departure: Departure, details: Record<string, unknown>): Promise<void> {
  const leaver = departure.account;
  const sessionsRevoked = await radiateAccount(em, leaver.id, new Date());
  appendAudit(em, {
    action: 'ACCOUNT.RADIATED',
    targetType: 'Account',
    targetId: leaver.id,
    companyId: departure.company.id,
    before: { status: leaver.status },
    after: { status: AccountStatus.RADIATED, departureId: departure.id, sessionsRevoked, ...details },
    dedupeKey: stepKey('radiate'),
  });
}

function outcomeOf(done: AuditEvent): ApplyOutcome {
  const after = done.after as { transferred: number; revoked: number };
  return { applied: true, transferred: after.transferred, revoked: after.revoked };
}

function targetRefusal(toAccountId: string | null, target: Account | null): DepartureWaitingReason | null {
  if (!toAccountId) return null;
  if (!target) return { code: 'TARGET_GONE', params: {} };
  if (target.status === AccountStatus.ACTIVE) return null;
  return { code: 'TARGET_INACTIVE', params: { firstName: target.firstName, lastName: target.lastName, status: target.status } };
}

/** The last-administrator guard, checked again at the date under the company's lock. */
async function guardRefusal(em: EntityManager, departure: Departure): Promise<DepartureWaitingReason | null> {
  const leaver = departure.account;
  const companyId = departure.company.id;
  const admins = await activeAdministrators(em, companyId);
  const successorId = departure.successorAccount?.id;
  const successor = successorId ? await em.findOne(Account, { id: successorId, company: companyId, role: AccountRole.ADMINISTRATOR }) : null;
  const verdict = lastAdministratorGuard({
    leaverIsActiveAdministrator: admins.some((a) => a.id === leaver.id),
    otherActiveAdministrators: admins.filter((a) => a.id !== leaver.id).length,
    successor: successor && {
      activeAdministrator: admins.some((a) => a.id === successor.id),
      candidate: successor.adminStatus === AdminStatus.CANDIDATE_AD && successor.status !== AccountStatus.RADIATED,
    },
  });
  if (verdict === 'OK') return null;
  if (verdict === 'WAIT_FOR_SUCCESSOR') return { code: 'SUCCESSOR_NOT_VALIDATED', params: { firstName: successor!.firstName, lastName: successor!.lastName } };
  return { code: 'LAST_ADMINISTRATOR', params: {} };
}

interface LineContext {
  leaverId: string;
  targetId: string | null;
  companyId: string;
  departureId: string;
  by: { actorId?: string; actorLabel?: string };
}

/** One audit line per right of the leaver: where it went and what the target holds now. */
function rightAuditLine(r: LeaverRight, outcome: RightOutcome, moved: MovedRight | undefined, ctx: LineContext) {
  const right = { siret: r.siret, serviceCode: r.service_code, portfolioId: r.portfolio_id, canDeclare: r.can_declare, canPay: r.can_pay, canConsult: r.can_consult };
  return {
    id: randomUUID(),
    at: new Date(),
    actorId: ctx.by.actorId ?? null,
    actorLabel: ctx.by.actorLabel ?? SYSTEM_ACTOR,
    action: outcome === 'REVOKED' ? 'HABILITATION.REVOKED' : 'HABILITATION.TRANSFERRED',
    targetType: 'Habilitation',
    targetId: moved?.id ?? r.id,
    companyId: ctx.companyId,
    before: { accountId: ctx.leaverId, ...right },
    after:
      outcome === 'REVOKED'
        ? { departureId: ctx.departureId, outcome }
        : { accountId: ctx.targetId, siret: r.siret, serviceCode: r.service_code, canDeclare: moved!.can_declare, canPay: moved!.can_pay, canConsult: moved!.can_consult, departureId: ctx.departureId, outcome },
  };
}

