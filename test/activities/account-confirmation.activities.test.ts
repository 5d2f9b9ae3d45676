import { randomUUID } from 'node:crypto';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createAccountActivities } from '../../activities/account/account.activities';
import { createConfirmationActivities } from '../../activities/confirmation/confirmation.activities';
import { Account, AccountStatus } from '../../domain/account/account.entity';
import { AuditEvent } from '../../domain/audit/audit-event.entity';
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

const accounts = () => createAccountActivities({ orm: db.orm });
const links = () => createConfirmationActivities({ orm: db.orm, publicUrl: PUBLIC_URL });

/** A confirmed account of the company whose address change to `pendingEmail` waits, and its confirmation run's first link. */
async function pendingChange(pendingEmail: string) {
  const person = await createPerson(db.orm, company, 'ADMINISTRATOR');
  await db.orm.em.fork().nativeUpdate(Account, { id: person.id }, { pendingEmail });
  const workflowId = `account-confirmation-${person.id}`;
  const issued = await asWorkflow(workflowId, links().issueConfirmationToken, {
    accountId: person.id,
    purpose: 'EMAIL_CONFIRMATION',
    step: 'mail-1',
    ttlMs: 3600_000,
    reminder: false,
    tokenId: randomUUID(),
    expiresAt: new Date(Date.now() + 3600_000).toISOString(),
  });
  const before = await db.orm.em.fork().findOneOrFail(Account, person.id);
  return { id: person.id, workflowId, issued, email: before.email, confirmedAt: before.emailConfirmedAt! };
}

const auditOf = (targetId: string, action: string) => db.orm.em.fork().findOneOrFail(AuditEvent, { targetId, action });

describe('a change of a confirmed address, in the account confirmation activities', () => {
  it('mails the link to the pending address, never to the one in use', async () => {
    const change = await pendingChange('pending.link@cabinet.example');
    const mail = await db.orm.em.fork().findOneOrFail(OutboxMessage, change.issued.outboxId);
    expect(mail.to).toBe('pending.link@cabinet.example');
  });

  it('confirming promotes the pending address: it becomes the address in use, confirmed now, audited before/after', async () => {
    const change = await pendingChange('pending.confirmed@cabinet.example');
    const confirmedAt = await asWorkflow(change.workflowId, accounts().activateAccount, { accountId: change.id, tokenId: change.issued.tokenId });

    const account = await db.orm.em.fork().findOneOrFail(Account, change.id);
    expect(account).toMatchObject({ email: 'pending.confirmed@cabinet.example', pendingEmail: null, status: AccountStatus.ACTIVE });
    expect(account.emailConfirmedAt!.toISOString()).toBe(confirmedAt);
    const audit = await auditOf(change.id, 'ACCOUNT.EMAIL_CONFIRMED');
    expect(audit.before).toEqual({ status: 'ACTIVE', email: change.email, pendingEmail: 'pending.confirmed@cabinet.example', emailConfirmedAt: change.confirmedAt.toISOString() });
    expect(audit.after).toEqual({ status: 'ACTIVE', email: 'pending.confirmed@cabinet.example', pendingEmail: null, emailConfirmedAt: confirmedAt });
  });

  it.each([
    ['expires', 'EXPIRED', (id: string) => accounts().expireAccountConfirmation(id)],
    ['is cancelled from supervision', 'CANCELLED', (id: string) => accounts().cancelAccountConfirmation(id)],
  ] as const)('a change that %s drops the pending address only: the account keeps its confirmed one, even a PENDING one', async (_case, outcome, end) => {
    const change = await pendingChange(`pending.${outcome.toLowerCase()}@cabinet.example`);
    // Even an account not active yet is kept: its address was confirmed once.
    await db.orm.em.fork().nativeUpdate(Account, { id: change.id }, { status: AccountStatus.PENDING });
    expect(await asWorkflow(change.workflowId, end, change.id)).toBe(false);

    const em = db.orm.em.fork();
    const account = await em.findOneOrFail(Account, change.id);
    expect(account).toMatchObject({ email: change.email, pendingEmail: null, emailConfirmedAt: change.confirmedAt });
    expect((await em.findOneOrFail(ConfirmationToken, change.issued.tokenId)).voidedAt).not.toBeNull();
    const audit = await auditOf(change.id, `ACCOUNT.EMAIL_CONFIRMATION_${outcome}`);
    expect(audit.before).toMatchObject({ pendingEmail: `pending.${outcome.toLowerCase()}@cabinet.example` });
    expect(audit.after).toEqual({ outcome, pendingEmail: null });
  });
});
