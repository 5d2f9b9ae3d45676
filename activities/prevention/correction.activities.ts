import { IsolationLevel } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { ApplicationFailure } from '@temporalio/activity';
import { Account, AccountStatus } from '../../domain/account/account.entity';
import { answerAccessQuestions } from '../../domain/access/decision.service';
import { activeAdministrators } from '../../domain/auth/active-administrators';
import { Company } from '../../domain/company/company.entity';
import { sirenOf } from '../../domain/identifiers/identifiers.rules';
import { lockCorrectionRequest } from '../../domain/prevention/correction-request';
import { Habilitation } from '../../domain/rights/habilitation.entity';
import { queueStepMail, stepMailIds } from '../mail/outbox';
import { CORRECTION_PATH, correctionRequestMail, type CorrectionFacts } from './correction.mails';

export interface CorrectionDeps {
  orm: MikroORM;
  /** Absolute base URL of the console, for the link in the mail. */
  publicUrl: string;
}

/** One training body's share of a correction request: ids only. */
export interface CorrectionLines {
  requestId: string;
  declarantSiret: string;
}

/** A training body's share of a request, once the request's transaction is over. */
export interface CorrectionShareRead {
  /** False: the request was rolled back (or never made); its task ends ABANDONED. */
  recorded: boolean;
  /** Lines of the request still declared under the SIRET. */
  left: number;
}

export interface CorrectionMailRequest extends CorrectionLines {
  /** The last day to correct (YYYY-MM-DD). */
  due: string;
}

export interface CorrectionMail {
  /** The outbox messages (one per recipient), for the workflow to deliver. */
  outboxIds: string[];
}

/** The service of the catalogue whose declaring right the recipients need (api/prevention/prevention-access.ts). */
const PREVENTION_PASSPORT = 'PREVENTION_PASSPORT';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The outbox key prefix of a request's mail to one training body: one set of mails per (request, SIRET), whatever the run or the attempt. */
export const correctionMailKey = (requestId: string, declarantSiret: string) => `prevention-correction-${requestId}-${declarantSiret}/request`;

function assertLines({ requestId, declarantSiret }: CorrectionLines): void {
  if (!UUID.test(requestId) || !/^\d{14}$/.test(declarantSiret)) {
    throw ApplicationFailure.nonRetryable('a correction request is a UUID and a 14-digit SIRET', 'PREVENTION.CORRECTION_INPUT_INVALID');
  }
}

/** How long one attempt waits for the request's transaction before failing (and being retried): below the step's startToClose. */
const REQUEST_LOCK_TIMEOUT = '10s';

/** Lines of the request still declared under the SIRET. */
const LINES_LEFT = `select count(*) as n from prevention_learner l join prevention_declaration d on d.id = l.declaration_id
  where l.correction_request_id = ? and d.declarant_siret = ?`;

/**
 * The steps of preventionCorrectionWorkflow: whether the request was made
 * (once its transaction is over), how many of the request's lines the
 * training body has not deleted yet, and its mail, written to the outbox
 * once per (request, SIRET) — a retry, or a second call, answers the mails
 * written the first time. All read the lines from PostgreSQL by the
 * request's id: the workflow never holds a NIR, a name or the reason.
 */
export function createPreventionCorrectionActivities({ orm, publicUrl }: CorrectionDeps) {
  const url = `${publicUrl.replace(/\/$/, '')}${CORRECTION_PATH}`;

  return {
    /**
     * The task's first step: waits for the request's transaction to end
     * (its tasks are started before it commits, the request's lock held
     * until then), then reads whether it was recorded, and the lines left.
     * A wait longer than a few seconds fails the attempt, retried. A request
     * committed before requests were recorded is known by its lines.
     */
    async awaitCorrectionShare(lines: CorrectionLines): Promise<CorrectionShareRead> {
      assertLines(lines);
      return orm.em.fork().transactional(
        async (em) => {
          await em.execute(`set local lock_timeout = '${REQUEST_LOCK_TIMEOUT}'`);
          await lockCorrectionRequest(em, lines.requestId);
          const [{ recorded, n }] = await em.execute<{ recorded: boolean; n: string }[]>(
            `select exists(select 1 from prevention_correction_request where id = ?)
                 or exists(select 1 from prevention_learner where correction_request_id = ?) as recorded, (${LINES_LEFT}) as n`,
            [lines.requestId, lines.requestId, lines.requestId, lines.declarantSiret],
          );
          return { recorded, left: Number(n) };
        },
        // Each statement sees what was committed before it: the request's commit, once its lock is released.
        { isolationLevel: IsolationLevel.READ_COMMITTED },
      );
    },

    /** Lines of the request still declared under the SIRET (a line corrected is a line deleted, then declared again as a new one). */
    async correctionLinesLeft(lines: CorrectionLines): Promise<number> {
      assertLines(lines);
      const [{ n }] = await orm.em.fork().execute<{ n: string }[]>(LINES_LEFT, [lines.requestId, lines.declarantSiret]);
      return Number(n);
    },

    /**
     * Writes to the outbox the mail telling the training body that lines of
     * its declarations were sent back: to the accounts that declared them
     * while they may still declare for the SIRET, else to those who may,
     * else to the company's active administrators. No line left: no mail.
     */
    async queueCorrectionMail(request: CorrectionMailRequest): Promise<CorrectionMail> {
      assertLines(request);
      const key = correctionMailKey(request.requestId, request.declarantSiret);
      return orm.em.fork().transactional(async (em) => {
        const queued = await stepMailIds(em, key);
        if (queued.length) return { outboxIds: queued };
        const rows = await em.execute<{ declared_by: string; employer_siren: string }[]>(
          `select d.declared_by, l.employer_siren from prevention_learner l join prevention_declaration d on d.id = l.declaration_id
            where l.correction_request_id = ? and d.declarant_siret = ?`,
          [request.requestId, request.declarantSiret],
        );
        const company = await em.findOne(Company, { siren: sirenOf(request.declarantSiret) });
        if (!rows.length || !company) return { outboxIds: [] };
        const employerSirens = [...new Set(rows.map((r) => r.employer_siren))].sort();
        const employers = await em.find(Company, { siren: { $in: employerSirens } });
        const facts: CorrectionFacts = {
          declarantSiret: request.declarantSiret,
          trainingBodyName: company.legalName,
          lines: rows.length,
          employers: employerSirens.map((siren) => `${employers.find((c) => c.siren === siren)?.legalName ?? 'L’employeur'} (SIREN ${siren})`),
          due: request.due,
        };
        const to = await recipientsOf(em, company, request.declarantSiret, [...new Set(rows.map((r) => r.declared_by))]);
        return { outboxIds: to.map((account, n) => queueStepMail(em, key, n, correctionRequestMail(account, facts, url), company.id)) };
      });
    },
  };
}

/**
 * Whom the training body's mail goes to: of `declaredBy`, the accounts of
 * its company still active, with a confirmed address, that the access
 * decision lets declare on PREVENTION_PASSPORT for the SIRET (as
 * DELETE /api/prevention-learners/:id requires); when none is left (gone,
 * or lost the right), every such account habilitated on that SIRET; and
 * when nobody is, the company's active administrators.
 */
async function recipientsOf(em: EntityManager, company: Company, siret: string, declaredBy: string[]): Promise<Account[]> {
  const reachable = { company: company.id, status: AccountStatus.ACTIVE, emailConfirmedAt: { $ne: null } } as const;
  const mayDeclare = async (accounts: Account[]) => {
    const decisions = await answerAccessQuestions(
      em,
      accounts.map((a) => ({ accountId: a.id, siret, service: PREVENTION_PASSPORT, right: 'DECLARE' as const })),
      company.id,
    );
    return accounts.filter((_, i) => decisions[i].allowed);
  };
  const order = { orderBy: { lastName: 'ASC', firstName: 'ASC', id: 'ASC' } } as const;
  const declarers = await mayDeclare(await em.find(Account, { ...reachable, id: { $in: declaredBy } }, order));
  if (declarers.length) return declarers;
  const habilitated = await em.find(Habilitation, { siret, service: PREVENTION_PASSPORT, canDeclare: true }, { fields: ['account'] });
  const others = await mayDeclare(await em.find(Account, { ...reachable, id: { $in: habilitated.map((h) => h.account.id) } }, order));
  if (others.length) return others;
  return activeAdministrators(em, company.id);
}

export type PreventionCorrectionActivities = ReturnType<typeof createPreventionCorrectionActivities>;
