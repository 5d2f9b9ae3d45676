import { Account, AccountRole, AccountStatus, AdminStatus } from '../../domain/account/account.entity';
import { identityKey } from '../../domain/account/identity.rules';
import { AuditEvent } from '../../domain/audit/audit-event.entity';
import { Session } from '../../domain/auth/session.entity';
import { Candidacy } from '../../domain/candidacy/candidacy.entity';
import type { CandidacyStatus } from '../../domain/candidacy/candidacy.status';
import { Company, CompanyStatus } from '../../domain/company/company.entity';
import { Establishment, EstablishmentStatus } from '../../domain/company/establishment.entity';
import { Migration20261203300000_stale_candidate_accounts, STALE_CANDIDATES_REPAIR } from '../../domain/migrations/Migration20261203300000_stale_candidate_accounts';
import type { Orm } from '../../platform/orm';
import { createTestDatabase } from '../helpers/database';

/**
 * The repair of the candidates' accounts that candidacies closed before
 * 2026-12-02 left open: the state such a candidacy left, written straight
 * to the database, then the migration's up() run as the migrator runs it
 * (in one transaction).
 */
let db: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db?.drop();
});

async function runRepair(orm: Orm): Promise<void> {
  const migration = new Migration20261203300000_stale_candidate_accounts(orm.em.getDriver(), orm.config);
  await orm.em.getConnection().transactional(async (tx) => {
    migration.setTransactionContext(tx);
    await migration.up();
    for (const sql of migration.getQueries()) await migration.execute(sql as string);
  });
}

const HOUR = 3600_000;

it('closes the open accounts of candidacies closed REFUSED, EXPIRED or (before the fix) LOCKED, as a closing candidacy does now; leaves every other one; finds nothing the second time', async () => {
  const em = db.orm.em.fork();
  const siret = '73282932000074';
  const company = em.create(Company, { siren: '732829320', legalName: 'Menuiserie Durand', headOfficeAddress: '4 rue des Artisans, Nantes', status: CompanyStatus.ACTIVE });
  const establishment = em.create(Establishment, { siret, company, name: 'Siège', address: company.headOfficeAddress, status: EstablishmentStatus.ACTIVE, headOffice: true });
  const candidate = (lastName: string, status: AccountStatus, adminStatus = AdminStatus.CANDIDATE_AD) =>
    em.create(Account, {
      company,
      establishment,
      siret,
      lastName,
      firstName: 'Paul',
      identityKey: identityKey(siret, lastName, 'Paul'),
      email: `${lastName.toLowerCase()}@example.test`,
      role: AccountRole.ADMINISTRATOR,
      status,
      adminStatus,
      passwordHash: 'x',
      emailConfirmedAt: status === AccountStatus.PENDING ? null : new Date(),
    });
  const candidacy = (account: Account, status: CandidacyStatus, dueDate: Date | null = null) => {
    const c = em.create(Candidacy, { workflowId: '', company, companySiren: company.siren, companyName: company.legalName, account, siret, lastName: account.lastName, firstName: 'Paul', email: account.email, status, dueDate });
    c.workflowId = `candidacy-${c.id}`;
    return c;
  };
  const session = (account: Account, n: number) => em.create(Session, { tokenHash: `${account.lastName}-${n}`.padEnd(64, '0'), account, expiresAt: new Date(Date.now() + HOUR) });

  const refused = candidate('REFUSE', AccountStatus.ACTIVE);
  const expiredUnconfirmed = candidate('EXPIRE', AccountStatus.PENDING);
  const expiredLoginLocked = candidate('BLOQUE', AccountStatus.LOCKED);
  const lockedBefore = candidate('VERROU', AccountStatus.ACTIVE);
  const lockedNow = candidate('ATTENTE', AccountStatus.ACTIVE);
  const pending = candidate('ENCOURS', AccountStatus.ACTIVE);
  const approved = candidate('ADMIS', AccountStatus.ACTIVE, AdminStatus.ACTIVE);
  const alreadyClosed = candidate('RADIE', AccountStatus.RADIATED);
  const reapplied = candidate('REVENU', AccountStatus.ACTIVE);
  const rows = {
    refused: candidacy(refused, 'REFUSED'),
    expiredUnconfirmed: candidacy(expiredUnconfirmed, 'EXPIRED'),
    expiredLoginLocked: candidacy(expiredLoginLocked, 'EXPIRED'),
    lockedBefore: candidacy(lockedBefore, 'LOCKED'),
    // LOCKED since the fix: it waits for support until its key expires (its due date), its account stays.
    lockedNow: candidacy(lockedNow, 'LOCKED', new Date(Date.now() + 30 * 24 * HOUR)),
    pending: candidacy(pending, 'AWAITING_APPROVAL', new Date(Date.now() + 7 * 24 * HOUR)),
    approved: candidacy(approved, 'APPROVED'),
    alreadyClosed: candidacy(alreadyClosed, 'REFUSED'),
    reappliedOld: candidacy(reapplied, 'EXPIRED'),
    reappliedNew: candidacy(reapplied, 'AWAITING_KEY', new Date(Date.now() + 30 * 24 * HOUR)),
  };
  for (const account of [refused, lockedBefore, lockedNow, pending]) [1, 2].forEach((n) => session(account, n));
  await em.flush();

  await runRepair(db.orm);

  const read = db.orm.em.fork();
  const statusOf = async (account: Account) => (await read.findOne(Account, account.id))?.status ?? 'REMOVED';
  expect({
    refused: await statusOf(refused),
    expiredUnconfirmed: await statusOf(expiredUnconfirmed),
    expiredLoginLocked: await statusOf(expiredLoginLocked),
    lockedBefore: await statusOf(lockedBefore),
    lockedNow: await statusOf(lockedNow),
    pending: await statusOf(pending),
    approved: await statusOf(approved),
    alreadyClosed: await statusOf(alreadyClosed),
    reapplied: await statusOf(reapplied),
  }).toEqual({
    refused: AccountStatus.RADIATED,
    expiredUnconfirmed: 'REMOVED',
    expiredLoginLocked: AccountStatus.RADIATED,
    lockedBefore: AccountStatus.RADIATED,
    lockedNow: AccountStatus.ACTIVE,
    pending: AccountStatus.ACTIVE,
    approved: AccountStatus.ACTIVE,
    alreadyClosed: AccountStatus.RADIATED,
    reapplied: AccountStatus.ACTIVE,
  });
  const openSessions = async (account: Account) => read.count(Session, { account: account.id, revokedAt: null });
  expect([await openSessions(refused), await openSessions(lockedBefore), await openSessions(lockedNow), await openSessions(pending)]).toEqual([0, 0, 2, 2]);
  expect((await read.findOneOrFail(Candidacy, rows.expiredUnconfirmed.id)).account).toBeNull();
  expect((await read.findOneOrFail(Candidacy, rows.refused.id)).status).toBe('REFUSED');

  const repaired = await read.find(AuditEvent, { after: { repair: STALE_CANDIDATES_REPAIR } } as never, { orderBy: { targetId: 'ASC' } });
  expect(repaired.map((e) => [e.targetId, e.action]).sort()).toEqual(
    [
      [refused.id, 'ACCOUNT.RADIATED'],
      [expiredUnconfirmed.id, 'ACCOUNT.REMOVED_UNCONFIRMED'],
      [expiredLoginLocked.id, 'ACCOUNT.RADIATED'],
      [lockedBefore.id, 'ACCOUNT.RADIATED'],
    ].sort(),
  );
  expect(repaired.find((e) => e.targetId === refused.id)).toMatchObject({
    actorLabel: 'system',
    companyId: company.id,
    before: { status: AccountStatus.ACTIVE, adminStatus: AdminStatus.CANDIDATE_AD },
    after: { candidacyId: rows.refused.id, status: AccountStatus.RADIATED, sessionsRevoked: 2 },
  });

  await runRepair(db.orm);
  expect(await db.orm.em.fork().count(AuditEvent, { after: { repair: STALE_CANDIDATES_REPAIR } } as never)).toBe(repaired.length);
});
