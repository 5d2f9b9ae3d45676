import { MockActivityEnvironment } from '@temporalio/testing';
import { randomUUID } from 'node:crypto';
import { createCollaboratorNoticeActivities } from '../../activities/collaborators/collaborator-notices.activities';
import { Account, AccountStatus } from '../../domain/account/account.entity';
import { Arrival } from '../../domain/collaborators/arrival.entity';
import { Departure } from '../../domain/collaborators/departure.entity';
import { OutboxMessage, OutboxStatus } from '../../domain/mail/outbox-message.entity';
import { createPerson, createRightsCompany, departureRow, type RightsCompany } from '../helpers/collaborators.fixtures';
import { createTestDatabase } from '../helpers/database';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let company: RightsCompany;
let notices: ReturnType<typeof createCollaboratorNoticeActivities>;
const PUBLIC_URL = 'https://console.example/';

beforeAll(async () => {
  db = await createTestDatabase();
  company = await createRightsCompany(db.orm, '552100554', 2);
  notices = createCollaboratorNoticeActivities({ orm: db.orm, publicUrl: PUBLIC_URL });
});

afterAll(async () => {
  await db?.drop();
});

/** Runs a notice step as the workflow `workflowId` would (its idempotency key depends on it). */
const asWorkflow = <A extends unknown[], R>(workflowId: string, fn: (...args: A) => Promise<R>, ...args: A): Promise<R> =>
  new MockActivityEnvironment({ workflowExecution: { workflowId, runId: 'run-1' } }).run(fn, ...args) as Promise<R>;

const outbox = (ids: string[]) => db.orm.em.fork().find(OutboxMessage, { id: { $in: ids } }, { orderBy: { dedupeKey: 'ASC' } });
const emailOf = async (id: string) => (await db.orm.em.fork().findOneOrFail(Account, id)).email;

describe('the mails telling a company what became of its collaborators', () => {
  it('a departure applied: every active administrator and the successor are told where the rights went, once per step', async () => {
    const [first, second] = [await createPerson(db.orm, company, 'ADMINISTRATOR'), await createPerson(db.orm, company, 'ADMINISTRATOR')];
    const inactive = await createPerson(db.orm, company, 'ADMINISTRATOR');
    await db.orm.em.fork().nativeUpdate(Account, { id: inactive.id }, { status: AccountStatus.LOCKED });
    const successor = await createPerson(db.orm, company, 'DECLARANT');
    const leaver = await createPerson(db.orm, company, 'DECLARANT');
    const target = await createPerson(db.orm, company, 'DECLARANT');
    const departure = await departureRow(db.orm, company, leaver, target.id, successor.id);
    await db.orm.em.fork().nativeUpdate(Departure, { id: departure.id }, { status: 'COMPLETED', transferred: 7, revoked: 0 });

    const ids = await asWorkflow(departure.workflowId, notices.mailDepartureApplied, { departureId: departure.id, step: 'applied-mails' });
    expect(await asWorkflow(departure.workflowId, notices.mailDepartureApplied, { departureId: departure.id, step: 'applied-mails' })).toEqual(ids);
    const mails = await outbox(ids);
    const to = mails.map((m) => m.to).sort();
    expect(to).toEqual((await Promise.all([first.id, second.id, successor.id].map(emailOf))).sort());
    for (const m of mails) {
      expect(m).toMatchObject({ status: OutboxStatus.PENDING, companyId: company.companyId, links: [`https://console.example/#/departures/${departure.id}/show`] });
      expect(m.subject).toBe(`Départ appliqué : Test ${leaver.lastName} (Cabinet 552100554)`);
      expect(m.text).toContain(`transférés à Test ${target.lastName}`);
      expect(m.text).toContain('7 habilitations');
    }
  });

  it('an arrival completed or expired: every active administrator is told, once per step', async () => {
    const admin = await createPerson(db.orm, company, 'ADMINISTRATOR');
    const em = db.orm.em.fork();
    const arrival = em.create(Arrival, {
      workflowId: `arrival-${randomUUID()}`,
      company: company.companyId,
      siret: company.headOffice,
      lastName: 'Morel',
      firstName: 'Nina',
      email: 'nina.morel@example.test',
      role: 'DECLARANT',
      startDate: '2026-12-03',
      rightsMode: 'NONE',
      rights: [],
    });
    await em.flush();

    const completed = await asWorkflow(arrival.workflowId, notices.mailArrivalOutcome, { arrivalId: arrival.id, step: 'outcome-mails', outcome: 'COMPLETED' });
    expect(await asWorkflow(arrival.workflowId, notices.mailArrivalOutcome, { arrivalId: arrival.id, step: 'outcome-mails', outcome: 'COMPLETED' })).toEqual(completed);
    const mails = await outbox(completed);
    expect(mails.map((m) => m.to)).toContain(await emailOf(admin.id));
    expect(mails.every((m) => m.subject === 'Arrivée terminée : Nina Morel (Cabinet 552100554)' && m.links[0] === `https://console.example/#/arrivals/${arrival.id}/show`)).toBe(true);

    const other = `arrival-${randomUUID()}`;
    const expired = await outbox(await asWorkflow(other, notices.mailArrivalOutcome, { arrivalId: arrival.id, step: 'outcome-mails', outcome: 'EXPIRED' }));
    expect(expired).toHaveLength(mails.length);
    expect(expired[0].subject).toBe('Arrivée expirée : Nina Morel (Cabinet 552100554)');
    expect(expired[0].text).toContain('nina.morel@example.test');
  });
});
