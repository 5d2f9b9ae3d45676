import { ApplicationFailure } from '@temporalio/activity';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { radiateAccount, removeUnconfirmedAccount } from '../../domain/account/account-closure';
import { Account, AccountRole, AccountStatus, AdminStatus } from '../../domain/account/account.entity';
import { appendAudit } from '../../domain/audit/audit-trail';
import { AuditEvent } from '../../domain/audit/audit-event.entity';
import { activeAdministrators } from '../../domain/auth/active-administrators';
import { formatActivationKey, generateActivationKey, hashActivationKey } from '../../domain/candidacy/activation-key.rules';
import { sealLetterPdf } from '../../domain/candidacy/activation-letter.cipher';
import { ActivationLetter } from '../../domain/candidacy/activation-letter.entity';
import { Candidacy } from '../../domain/candidacy/candidacy.entity';
import type { CandidacyOutcome, CandidacyRoute, CandidacyStatus } from '../../domain/candidacy/candidacy.status';
import { postalAddress } from '../../domain/candidacy/letter-address.rules';
import { queueStepMail, stepMailIds } from '../mail/outbox';
import type { AdministratorAsked } from '../../workflows/administrator-candidacy/administrator-candidacy.messages';
import { CandidacyFailure } from '../../workflows/administrator-candidacy/administrator-candidacy.messages';
import { actorOf } from '../shared/actor';
import { once as runOnce } from '../shared/once';
import { stepKey } from '../shared/step-key';
import { renderActivationLetter } from './activation-letter.pdf';
import {
  approvalRequestMail,
  approvedMail,
  candidacyClosedMail,
  letterOverdueMail,
  letterRouteOfferedMail,
  newAdministratorMail,
  type CandidateRef,
} from './candidacy.mails';

export interface CandidacyDeps {
  orm: MikroORM;
  /** Absolute base URL of the console, for links in mails and letters. */
  publicUrl: string;
  /** Seals the letters' PDFs while they wait in the print queue (platform/letter-key.ts). */
  letterKey: Buffer;
}

/** What the read model shows of the workflow's state. */
export interface CandidacySnapshot {
  status: CandidacyStatus;
  route: CandidacyRoute;
  dueDate: string | null;
  expiresAt: string | null;
  letterRouteOffered: boolean;
  attemptsLeft: number | null;
  lettersSent: number;
}

export interface CandidacyTransition {
  candidacyId: string;
  /** Workflow step name, unique within the run. */
  step: string;
  /** Audit action, e.g. CANDIDACY.APPROVAL_REQUESTED. */
  action: string;
  actorId?: string | null;
  snapshot: CandidacySnapshot;
  details?: Record<string, unknown>;
}

export interface ApprovalRequest {
  candidacyId: string;
  step: string;
  reminder: boolean;
  expiresAt: string;
  /** The read model after a reminder (its next deadline moved); null for the first request. */
  snapshot: CandidacySnapshot | null;
}

export interface IssueLetterRequest {
  candidacyId: string;
  sequence: number;
  postWithinMs: number;
  keyValidityMs: number;
}

export interface IssuedLetter {
  letterId: string;
  keyHash: string;
  postBy: string;
}

export interface LetterPostedRecord {
  letterId: string;
  actorId: string;
  keyValidityMs: number;
}

export interface CandidacyDecision {
  candidacyId: string;
  step: string;
  outcome: CandidacyOutcome;
  /** An administrator's decision is checked against the database again, in the same transaction. */
  deciderId?: string | null;
  actorId?: string | null;
  reason?: string | null;
  snapshot: CandidacySnapshot;
}

const PORTAL_NAME = 'Net-entreprises — back-office';

/** The candidacy's effects: read model, audit trail, mails, activation letters. */
export function createCandidacyActivities({ orm, publicUrl, letterKey }: CandidacyDeps) {
  const base = publicUrl.replace(/\/$/, '');
  const inboxUrl = `${base}/#/candidacies`;
  const candidatePageUrl = `${base}/#/my-candidacy`;
  const queueUrl = `${base}/#/letters`;

  /** Runs `write` once per workflow step: a retry finds the audit event of the first run and returns `replay`. */
  const once = <T>(step: string, write: (em: EntityManager, key: string) => Promise<T>, replay: (em: EntityManager, key: string) => Promise<T>) =>
    runOnce(orm, step, write, replay);

  /** The read model follows the workflow's snapshot; the audit trail records the transition. */
  const applyTransition = async (em: EntityManager, key: string, t: CandidacyTransition) => {
    const candidacy = await em.findOneOrFail(Candidacy, t.candidacyId);
    const before = snapshotOf(candidacy);
    applySnapshot(candidacy, t.snapshot);
    appendAudit(em, {
      ...(await actorOf(em, t.actorId)),
      action: t.action,
      targetType: 'Candidacy',
      targetId: candidacy.id,
      companyId: candidacy.company.id,
      before,
      after: { ...snapshotOf(candidacy), ...t.details },
      dedupeKey: key,
    });
    return candidacy;
  };

  return {
    /** One transition of the workflow: the read model follows, the audit trail records it. */
    async recordCandidacyState(t: CandidacyTransition): Promise<void> {
      await once(t.step, async (em, key) => void (await applyTransition(em, key, t)), async () => undefined);
    },

    /** Mails every active administrator of the company (but the candidate); returns who was asked. */
    async requestApproval(req: ApprovalRequest): Promise<{ administrators: AdministratorAsked[]; outboxIds: string[] }> {
      const write = async (em: EntityManager, key: string) => {
        const candidacy = await em.findOneOrFail(Candidacy, req.candidacyId);
        const admins = await activeAdministrators(em, candidacy.company.id, candidacy.account?.id);
        if (req.snapshot) applySnapshot(candidacy, req.snapshot);
        admins.forEach((admin, n) => queueStepMail(em, key, n, approvalRequestMail(admin, candidateRef(candidacy), inboxUrl, req.reminder, new Date(req.expiresAt)), candidacy.company.id));
        appendAudit(em, {
          action: req.reminder ? 'CANDIDACY.APPROVAL_REMINDED' : 'CANDIDACY.APPROVAL_MAILED',
          targetType: 'Candidacy',
          targetId: candidacy.id,
          companyId: candidacy.company.id,
          after: { administrators: admins.map((a) => a.id) },
          dedupeKey: key,
        });
        await em.flush();
        return { administrators: admins.map(asked), outboxIds: await stepMailIds(em, key) };
      };
      return once(req.step, write, async (em, key) => {
        const event = await em.findOneOrFail(AuditEvent, { dedupeKey: key });
        const ids = (event.after?.administrators ?? []) as string[];
        const admins = await em.find(Account, { id: { $in: ids } });
        return { administrators: admins.map(asked), outboxIds: await stepMailIds(em, key) };
      });
    },

    /** Tells the candidate he may switch to the letter route (day 14 without an answer). */
    async offerLetterRoute(req: CandidacyTransition): Promise<string[]> {
      return once(
        req.step,
        async (em, key) => {
          const candidacy = await applyTransition(em, key, req);
          queueStepMail(em, key, 0, letterRouteOfferedMail(candidateRef(candidacy), candidatePageUrl), candidacy.company.id);
          await em.flush();
          return stepMailIds(em, key);
        },
        stepMailIds,
      );
    },

    /**
     * A new activation letter: a random key of which only the hash is
     * stored, the PDF addressed to the company's current head-office
     * address, queued for printing; without a postal address no PDF is
     * made and the letter is held back. Previous letters of the candidacy
     * are voided (their keys stop working).
     */
    async issueActivationLetter(req: IssueLetterRequest): Promise<IssuedLetter> {
      const key = stepKey(`letter-${req.sequence}`);
      return orm.em.fork().transactional(async (em) => {
        const existing = await em.findOne(ActivationLetter, { dedupeKey: key });
        if (existing) return { letterId: existing.id, keyHash: existing.keyHash, postBy: existing.postBy.toISOString() };
        const candidacy = await em.findOneOrFail(Candidacy, req.candidacyId, { populate: ['company'] });
        const now = new Date();
        await em.nativeUpdate(ActivationLetter, { candidacy, status: { $ne: 'VOIDED' } }, { status: 'VOIDED', voidedAt: now, sealedPdf: null });
        const clearKey = generateActivationKey();
        const candidateName = `${candidacy.firstName} ${candidacy.lastName}`;
        const address = postalAddress(candidacy.company.headOfficeAddress);
        const letter = em.create(ActivationLetter, {
          candidacy,
          sequence: req.sequence,
          keyHash: hashActivationKey(clearKey),
          companyName: candidacy.companyName,
          siret: candidacy.siret,
          candidateName,
          address,
          postBy: new Date(now.getTime() + req.postWithinMs),
          dedupeKey: key,
        });
        if (address) {
          const pdf = await renderActivationLetter({
            portalName: PORTAL_NAME,
            companyName: candidacy.companyName,
            address,
            siret: candidacy.siret,
            candidateName,
            formattedKey: formatActivationKey(clearKey),
            keyValidityMs: req.keyValidityMs,
            consoleUrl: base,
            issuedAt: now,
          });
          letter.sealedPdf = sealLetterPdf(letterKey, letter.id, pdf);
        }
        appendAudit(em, {
          action: address ? 'CANDIDACY.LETTER_ISSUED' : 'CANDIDACY.LETTER_HELD',
          targetType: 'ActivationLetter',
          targetId: letter.id,
          companyId: candidacy.company.id,
          after: { candidacyId: candidacy.id, sequence: req.sequence, address, postBy: letter.postBy.toISOString() },
        });
        return { letterId: letter.id, keyHash: letter.keyHash, postBy: letter.postBy.toISOString() };
      });
    },

    /** Support posted the letter: the key's validity starts now; the sealed PDF (and so the key) leaves the database. */
    async recordLetterPosted(req: LetterPostedRecord): Promise<{ postedAt: string; keyExpiresAt: string }> {
      const key = stepKey(`posted-${req.letterId}`);
      return orm.em.fork().transactional(async (em) => {
        const letter = await em.findOneOrFail(ActivationLetter, req.letterId, { populate: ['candidacy'] });
        if (letter.postedAt) return { postedAt: letter.postedAt.toISOString(), keyExpiresAt: letter.keyExpiresAt!.toISOString() };
        const now = new Date();
        Object.assign(letter, { status: 'POSTED', postedAt: now, postedBy: req.actorId, keyExpiresAt: new Date(now.getTime() + req.keyValidityMs), sealedPdf: null });
        appendAudit(em, {
          ...(await actorOf(em, req.actorId)),
          action: 'CANDIDACY.LETTER_POSTED',
          targetType: 'ActivationLetter',
          targetId: letter.id,
          companyId: letter.candidacy.company.id,
          before: { status: 'PENDING' },
          after: { status: 'POSTED', keyExpiresAt: letter.keyExpiresAt!.toISOString() },
          dedupeKey: key,
        });
        return { postedAt: now.toISOString(), keyExpiresAt: letter.keyExpiresAt!.toISOString() };
      });
    },

    /** A letter still unposted at its deadline: every support account is mailed. */
    async alertSupportLetterOverdue(req: { letterId: string; step: string }): Promise<string[]> {
      return once(
        req.step,
        async (em, key) => {
          const letter = await em.findOneOrFail(ActivationLetter, req.letterId, { populate: ['candidacy'] });
          const support = await em.find(Account, { role: AccountRole.SUPPORT, status: AccountStatus.ACTIVE }, { orderBy: { id: 'ASC' } });
          support.forEach((s, n) => queueStepMail(em, key, n, letterOverdueMail(s.email, letter, queueUrl), null));
          appendAudit(em, {
            action: 'CANDIDACY.LETTER_OVERDUE',
            targetType: 'ActivationLetter',
            targetId: letter.id,
            companyId: letter.candidacy.company.id,
            after: { postBy: letter.postBy.toISOString(), supportAlerted: support.length },
            dedupeKey: key,
          });
          await em.flush();
          return stepMailIds(em, key);
        },
        stepMailIds,
      );
    },

    /**
     * Closes the candidacy. APPROVED makes the candidate an ACTIVE
     * administrator at once and tells the other administrators; the other
     * outcomes tell the candidate (with the reason of a refusal) and close
     * his account, so that his identity may apply again (see
     * closeCandidateAccount). Pending letters are voided. Every audit row
     * names the person who decided (the administrator, the candidate who
     * typed the key, support), or the system. Returns the mails to deliver.
     */
    async closeCandidacy(req: CandidacyDecision): Promise<string[]> {
      return once(
        req.step,
        async (em, key) => {
          const candidacy = await em.findOneOrFail(Candidacy, req.candidacyId, { populate: ['account'] });
          const companyId = candidacy.company.id;
          const actor = await actorOf(em, req.deciderId ?? req.actorId);
          if (req.deciderId) await assertActiveAdministrator(em, companyId, req.deciderId, candidacy.account?.id);
          const before = snapshotOf(candidacy);
          const now = new Date();
          applySnapshot(candidacy, req.snapshot);
          candidacy.status = req.outcome;
          candidacy.dueDate = null;
          if (req.deciderId) Object.assign(candidacy, { decidedBy: em.getReference(Account, req.deciderId), decidedAt: now });
          if (req.outcome === 'REFUSED') candidacy.refusalReason = req.reason ?? null;
          await em.nativeUpdate(ActivationLetter, { candidacy, status: 'PENDING' }, { status: 'VOIDED', voidedAt: now, sealedPdf: null });
          const ref = candidateRef(candidacy);
          let mails = 0;
          if (req.outcome === 'APPROVED') {
            const account = candidacy.account!;
            account.adminStatus = AdminStatus.ACTIVE;
            account.status = AccountStatus.ACTIVE;
            appendAudit(em, {
              ...actor,
              action: 'ACCOUNT.ADMINISTRATOR_ACTIVATED',
              targetType: 'Account',
              targetId: account.id,
              companyId,
              before: { adminStatus: AdminStatus.CANDIDATE_AD },
              after: { adminStatus: AdminStatus.ACTIVE, route: candidacy.route },
            });
            queueStepMail(em, key, mails++, approvedMail(ref, base), companyId);
            for (const admin of await activeAdministrators(em, companyId, account.id)) {
              queueStepMail(em, key, mails++, newAdministratorMail(admin, ref, inboxUrl), companyId);
            }
          } else {
            await closeCandidateAccount(em, candidacy, actor, now);
            queueStepMail(em, key, mails++, candidacyClosedMail(ref, req.outcome, candidacy.refusalReason ?? null, candidatePageUrl), companyId);
          }
          appendAudit(em, {
            ...actor,
            action: `CANDIDACY.${req.outcome}`,
            targetType: 'Candidacy',
            targetId: candidacy.id,
            companyId,
            before,
            after: { ...snapshotOf(candidacy), ...(req.reason ? { reason: req.reason } : {}) },
            dedupeKey: key,
          });
          await em.flush();
          return stepMailIds(em, key);
        },
        stepMailIds,
      );
    },
  };
}

export type CandidacyActivities = ReturnType<typeof createCandidacyActivities>;

async function assertActiveAdministrator(em: EntityManager, companyId: string, deciderId: string, candidateId: string | undefined) {
  const admins = await activeAdministrators(em, companyId, candidateId);
  if (!admins.some((a) => a.id === deciderId)) {
    throw ApplicationFailure.nonRetryable('Seul un administrateur actif de l’entreprise peut décider.', CandidacyFailure.NOT_AN_ACTIVE_ADMINISTRATOR);
  }
}

/**
 * A candidacy closed without approval leaves no candidate able to log in,
 * and his identity free to apply again: an account never confirmed is
 * removed; one already confirmed is RADIATED (a radiated account holds no
 * identity), every session of his ended. Audited under who decided.
 */
async function closeCandidateAccount(em: EntityManager, candidacy: Candidacy, actor: Awaited<ReturnType<typeof actorOf>>, now: Date): Promise<void> {
  const account = candidacy.account;
  if (!account || account.status === AccountStatus.RADIATED) return;
  const before = { status: account.status, adminStatus: account.adminStatus ?? null };
  const audit = (action: string, after: Record<string, unknown>) =>
    appendAudit(em, { ...actor, action, targetType: 'Account', targetId: account.id, companyId: candidacy.company.id, before, after: { candidacyId: candidacy.id, ...after } });
  if (await removeUnconfirmedAccount(em, account.id)) {
    candidacy.account = null;
    audit('ACCOUNT.REMOVED_UNCONFIRMED', {});
  } else {
    audit('ACCOUNT.RADIATED', { status: AccountStatus.RADIATED, sessionsRevoked: await radiateAccount(em, account.id, now) });
  }
}

const asked = (a: Account): AdministratorAsked => ({ id: a.id, lastName: a.lastName, firstName: a.firstName });

const candidateRef = (c: Candidacy): CandidateRef => ({ email: c.email, firstName: c.firstName, lastName: c.lastName, siret: c.siret, companyName: c.companyName });

function applySnapshot(candidacy: Candidacy, s: CandidacySnapshot): void {
  Object.assign(candidacy, {
    status: s.status,
    route: s.route,
    dueDate: s.dueDate ? new Date(s.dueDate) : null,
    expiresAt: s.expiresAt ? new Date(s.expiresAt) : null,
    letterRouteOffered: s.letterRouteOffered,
    attemptsLeft: s.attemptsLeft,
    lettersSent: s.lettersSent,
  });
}

function snapshotOf(c: Candidacy): Record<string, unknown> {
  return {
    status: c.status,
    route: c.route,
    dueDate: c.dueDate?.toISOString() ?? null,
    expiresAt: c.expiresAt?.toISOString() ?? null,
    letterRouteOffered: c.letterRouteOffered,
    attemptsLeft: c.attemptsLeft ?? null,
    lettersSent: c.lettersSent,
  };
}
