import { randomBytes, randomUUID } from 'node:crypto';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createAccountActivities } from '../../activities/account/account.activities';
import { createCandidacyActivities, type CandidacySnapshot } from '../../activities/candidacy/candidacy.activities';
import { Account, AccountStatus } from '../../domain/account/account.entity';
import { AuditEvent } from '../../domain/audit/audit-event.entity';
import { Candidacy } from '../../domain/candidacy/candidacy.entity';
import { ConfirmationToken } from '../../domain/confirmation/confirmation-token.entity';
import { OutboxMessage } from '../../domain/mail/outbox-message.entity';
import { createPerson, createRightsCompany, type RightsCompany } from '../helpers/collaborators.fixtures';
import { createTestDatabase } from '../helpers/database';
import { PUBLIC_URL } from '../helpers/integration';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let company: RightsCompany;

beforeAll(async () => {
  db = await createTestDatabase();
  company = await createRightsCompany(db.orm, '732829320', 1);
});

afterAll(async () => {
  await db?.drop();
});

/** Runs an activity as the workflow `workflowId` would (its step keys depend on it). */
const asWorkflow = <A extends unknown[], R>(workflowId: string, fn: (...args: A) => Promise<R>, ...args: A): Promise<R> =>
  new MockActivityEnvironment({ workflowExecution: { workflowId, runId: 'run-1' } }).run(fn, ...args) as Promise<R>;

async function openSession(accountId: string): Promise<void> {
  await db.orm.em.fork().execute(`insert into session (token_hash, account_id, created_at, expires_at) values (?, ?, now(), now() + interval '1 day')`, [randomUUID().replace(/-/g, ''), accountId]);
}

async function openSessions(accountId: string): Promise<number> {
  const [{ open }] = await db.orm.em.fork().execute(`select count(*)::int as open from session where account_id = ? and revoked_at is null`, [accountId]);
  return open;
}

/** A person of the company, ACTIVE or never confirmed (PENDING, no address confirmed). */
async function person(role: 'DECLARANT' | 'CANDIDATE', status: AccountStatus) {
  const created = await createPerson(db.orm, company, role);
  await db.orm.em.fork().nativeUpdate(Account, { id: created.id }, { status, ...(status === AccountStatus.PENDING ? { emailConfirmedAt: null } : {}) });
  return created;
}

describe('closeCandidacy, CANCELLED (by the candidate, support, or from supervision)', () => {
  const activities = () => createCandidacyActivities({ orm: db.orm, publicUrl: PUBLIC_URL, letterKey: randomBytes(32) });
  const snapshot: CandidacySnapshot = { status: 'CANCELLED', route: 'APPROVAL', dueDate: null, expiresAt: null, letterRouteOffered: false, attemptsLeft: null, lettersSent: 0 };

  async function candidacyOf(candidate: { id: string; siret: string; lastName: string; firstName: string }): Promise<Candidacy> {
    const em = db.orm.em.fork();
    const candidacy = em.create(Candidacy, {
      workflowId: `candidacy-${randomUUID()}`,
      company: company.companyId,
      companySiren: company.siren,
      companyName: `Cabinet ${company.siren}`,
      account: candidate.id,
      siret: candidate.siret,
      lastName: candidate.lastName,
      firstName: candidate.firstName,
      email: 'candidat@example.test',
      status: 'AWAITING_APPROVAL',
    });
    await em.flush();
    return candidacy;
  }

  const cancel = (candidacy: Candidacy) =>
    asWorkflow(candidacy.workflowId, activities().closeCandidacy, { candidacyId: candidacy.id, step: 'step-3', outcome: 'CANCELLED', actorId: null, snapshot });

  it('a confirmed candidate: his account is RADIATED, his sessions end, he is told; a retry changes nothing more', async () => {
    const candidate = await person('CANDIDATE', AccountStatus.ACTIVE);
    await openSession(candidate.id);
    const candidacy = await candidacyOf(candidate);

    const mails = await cancel(candidacy);
    expect(await cancel(candidacy)).toEqual(mails);

    const em = db.orm.em.fork();
    expect((await em.findOneOrFail(Account, candidate.id)).status).toBe(AccountStatus.RADIATED);
    expect(await openSessions(candidate.id)).toBe(0);
    expect((await em.findOneOrFail(Candidacy, candidacy.id)).status).toBe('CANCELLED');
    expect(await em.count(AuditEvent, { action: 'ACCOUNT.RADIATED', targetId: candidate.id })).toBe(1);
    expect(await em.count(AuditEvent, { action: 'CANDIDACY.CANCELLED', targetId: candidacy.id })).toBe(1);
    expect(await em.find(OutboxMessage, { id: { $in: mails } })).toEqual([expect.objectContaining({ to: 'candidat@example.test' })]);
  });

  it('a candidate who never confirmed his address: his account is removed, his identity free to apply again', async () => {
    const candidate = await person('CANDIDATE', AccountStatus.PENDING);
    const candidacy = await candidacyOf(candidate);

    await cancel(candidacy);

    const em = db.orm.em.fork();
    expect(await em.findOne(Account, candidate.id)).toBeNull();
    expect(await em.getRepository(Account).identityTaken(candidate.siret, candidate.lastName, candidate.firstName)).toBe(false);
    expect(await em.findOneOrFail(Candidacy, candidacy.id)).toMatchObject({ status: 'CANCELLED', account: null });
    expect(await em.count(AuditEvent, { action: 'ACCOUNT.REMOVED_UNCONFIRMED', targetId: candidate.id })).toBe(1);
  });
});

describe('cancelAccountConfirmation (from supervision)', () => {
  async function withLink(accountId: string): Promise<{ workflowId: string; tokenId: string }> {
    const em = db.orm.em.fork();
    const workflowId = `account-confirmation-${accountId}`;
    const token = em.create(ConfirmationToken, {
      tokenHash: randomBytes(32).toString('hex'),
      purpose: 'EMAIL_CONFIRMATION',
      account: accountId,
      workflowId,
      dedupeKey: `${workflowId}/run-1/mail-1`,
      expiresAt: new Date(Date.now() + 3600_000),
    });
    await em.flush();
    return { workflowId, tokenId: token.id };
  }

  const cancel = (workflowId: string, accountId: string) => asWorkflow(workflowId, createAccountActivities({ orm: db.orm }).cancelAccountConfirmation, accountId);

  it('a declarant who never confirmed: his account and its links are removed', async () => {
    const declarant = await person('DECLARANT', AccountStatus.PENDING);
    const { workflowId, tokenId } = await withLink(declarant.id);

    expect(await cancel(workflowId, declarant.id)).toBe(true);
    expect(await cancel(workflowId, declarant.id)).toBe(true);

    const em = db.orm.em.fork();
    expect(await em.findOne(Account, declarant.id)).toBeNull();
    expect(await em.findOne(ConfirmationToken, tokenId)).toBeNull();
    expect(await em.count(AuditEvent, { action: 'ACCOUNT.REMOVED_UNCONFIRMED', targetId: declarant.id })).toBe(1);
  });

  it('an active account whose new address was awaited keeps working; the link to that address no longer confirms', async () => {
    const declarant = await person('DECLARANT', AccountStatus.ACTIVE);
    const { workflowId, tokenId } = await withLink(declarant.id);

    expect(await cancel(workflowId, declarant.id)).toBe(false);

    const em = db.orm.em.fork();
    expect((await em.findOneOrFail(Account, declarant.id)).status).toBe(AccountStatus.ACTIVE);
    expect((await em.findOneOrFail(ConfirmationToken, tokenId)).voidedAt).toEqual(expect.any(Date));
    expect(await em.findOneOrFail(AuditEvent, { action: 'ACCOUNT.EMAIL_CONFIRMATION_CANCELLED', targetId: declarant.id })).toMatchObject({ after: { outcome: 'CANCELLED' } });
  });
});
