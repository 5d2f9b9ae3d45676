import { MockActivityEnvironment } from '@temporalio/testing';
import { Client } from 'pg';
import { AuditEvent } from '../../domain/audit/audit-event.entity';
import { DEFAULT_RIGHTS, type PlannedChange } from '../../domain/habilitation-files/planned-change';
import { HabilitationJob, PlannedHabilitationChange, RejectedHabilitationLine } from '../../domain/habilitation-jobs/habilitation-job.entities';
import { planWriter, recordDryRun, storePlan } from '../../domain/habilitation-jobs/habilitation-job.store';
import { Habilitation } from '../../domain/rights/habilitation.entity';
import { PortfolioEstablishment } from '../../domain/rights/portfolio-establishment.entity';
import { createHabilitationJobActivities, type ChunkResult } from '../../activities/habilitation-jobs/habilitation-job.activities';
import { createPerson, createRightsCompany, grant, rightsOf, type RightsCompany } from '../helpers/collaborators.fixtures';
import { createTestDatabase } from '../helpers/database';
import { waitFor } from '../helpers/eventually';
import { createDeclarants, createJob } from '../helpers/habilitation-job.fixtures';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let company: RightsCompany;
let admin: { id: string; lastName: string; firstName: string };
let acts: ReturnType<typeof createHabilitationJobActivities>;

beforeAll(async () => {
  db = await createTestDatabase();
  company = await createRightsCompany(db.orm, '552100554', 20);
  admin = await createPerson(db.orm, company, 'ADMINISTRATOR');
  acts = createHabilitationJobActivities({ orm: db.orm });
});

afterAll(async () => {
  await db?.drop();
});

/** Runs a step as the job's workflow would. */
const asWorkflow = <A extends unknown[], R>(fn: (...args: A) => Promise<R>, ...args: A) =>
  new MockActivityEnvironment({ workflowExecution: { workflowId: 'habilitation-job-test', runId: 'run-1' } }).run(fn, ...args);

const [PORTFOLIO, OTHER] = [0, 1];
const grantOf = (line: number, accountId: string, siret: string, serviceCode: string, rights = DEFAULT_RIGHTS): PlannedChange => ({ line, accountId, siret, serviceCode, action: 'GRANT', rights });
const revokeOf = (line: number, accountId: string, siret: string, serviceCode: string): PlannedChange => ({ line, accountId, siret, serviceCode, action: 'REVOKE' });

async function applyingJob(changes: PlannedChange[]): Promise<string> {
  return createJob(db.orm, { portfolioId: company.portfolioIds[PORTFOLIO], companyId: company.companyId, createdBy: admin.id, status: 'APPLYING' }, changes);
}

const jobRow = (jobId: string) => db.orm.em.fork().findOneOrFail(HabilitationJob, jobId);
const auditOfJob = (jobId: string) =>
  db.orm.em.fork().find(AuditEvent, { dedupeKey: { $like: `habilitation-job/${jobId}/%` }, targetType: 'Habilitation' }, { orderBy: { dedupeKey: 'ASC' } });

describe('storing a plan (planWriter, storePlan)', () => {
  it('stores 100,000 changes in order, streamed, by set-based inserts; the job counts them', async () => {
    const [accountId] = await createDeclarants(db.orm, company, 1);
    const total = 100_000;
    async function* plan(): AsyncGenerator<PlannedChange> {
      for (let n = 0; n < total; n++) {
        const change = grantOf(n + 2, accountId, `${String(n).padStart(14, '0')}`, 'PEPS');
        yield n % 3 === 0 ? revokeOf(change.line, accountId, change.siret, 'PEPS') : change;
      }
    }
    const jobId = await createJob(db.orm, { portfolioId: company.portfolioIds[PORTFOLIO], companyId: company.companyId, createdBy: admin.id });
    const started = performance.now();
    const stored = await storePlan(db.orm.em.fork(), jobId, plan());
    const ms = performance.now() - started;
    console.log(`storePlan: ${total} changes stored in ${Math.round(ms)} ms`);

    expect(stored).toBe(total);
    expect((await jobRow(jobId)).changesTotal).toBe(total);
    const chunk = await db.orm.em.fork().find(PlannedHabilitationChange, { job: jobId, seq: { $gte: 49_999, $lte: 50_001 } }, { orderBy: { seq: 'ASC' } });
    expect(chunk.map((c) => [c.seq, c.line, c.siret, c.action, c.canDeclare ?? null])).toEqual([
      [49_999, 50_000, '00000000049998', 'REVOKE', null],
      [50_000, 50_001, '00000000049999', 'GRANT', true],
      [50_001, 50_002, '00000000050000', 'GRANT', true],
    ]);
    expect(ms).toBeLessThan(30_000);
  });

  it('writes a file’s changes and rejected lines as they come, interleaved: rejected lines with code, parameters and raw text (a NUL byte kept as U+FFFD), read by line', async () => {
    const [accountId] = await createDeclarants(db.orm, company, 1);
    const jobId = await createJob(db.orm, { portfolioId: company.portfolioIds[PORTFOLIO], companyId: company.companyId, createdBy: admin.id });
    const em = db.orm.em.fork();
    const writer = planWriter(em, jobId);
    await writer.change(grantOf(2, accountId, company.sirets[0], 'PEPS'));
    await writer.reject({ line: 7, code: 'HABILITATION_FILE.SIRET_NOT_IN_PORTFOLIO', params: { siret: '12345678901234' }, raw: '12345678901234;DUPONT;Jean;1' });
    await writer.change(revokeOf(4, accountId, company.sirets[1], 'MCF'));
    await writer.reject({ line: 3, code: 'HABILITATION_FILE.UNREADABLE_BYTES', params: { column: 2 }, raw: 'ab\u0000cd' });
    expect(await writer.end()).toEqual({ changes: 2, rejected: 2 });

    expect((await jobRow(jobId)).changesTotal).toBe(2);
    const stored = await db.orm.em.fork().find(RejectedHabilitationLine, { job: jobId }, { orderBy: { line: 'ASC' } });
    expect(stored.map((r) => [r.line, r.code, r.params, r.raw, r.seq ?? null])).toEqual([
      [3, 'HABILITATION_FILE.UNREADABLE_BYTES', { column: 2 }, 'ab\uFFFDcd', null],
      [7, 'HABILITATION_FILE.SIRET_NOT_IN_PORTFOLIO', { siret: '12345678901234' }, '12345678901234;DUPONT;Jean;1', null],
    ]);
    const plan = await db.orm.em.fork().find(PlannedHabilitationChange, { job: jobId }, { orderBy: { seq: 'ASC' } });
    expect(plan.map((c) => [c.seq, c.line, c.action])).toEqual([
      [1, 2, 'GRANT'],
      [2, 4, 'REVOKE'],
    ]);
  });
});

describe('recordDryRun', () => {
  it('records the dry-run’s counts, outcome and quarantine on its job', async () => {
    const jobId = await createJob(db.orm, { portfolioId: company.portfolioIds[PORTFOLIO], companyId: company.companyId, createdBy: admin.id });
    const counts = { linesRead: 12, rejected: 2, added: 3, removed: 40, changed: 1, unchanged: 6 };
    await recordDryRun(db.orm.em.fork(), jobId, { counts, outcome: 'PARTIAL', quarantined: true });
    expect(await jobRow(jobId)).toMatchObject({ linesRead: 12, linesRejected: 2, added: 3, removed: 40, changed: 1, unchanged: 6, outcome: 'PARTIAL', outcomeCode: null, quarantined: true, status: 'PLANNED' });
    await recordDryRun(db.orm.em.fork(), jobId, { counts, outcome: 'KO', reason: { code: 'HABILITATION_FILE.EMPTY', params: {} }, quarantined: false });
    expect(await jobRow(jobId)).toMatchObject({ outcome: 'KO', outcomeCode: 'HABILITATION_FILE.EMPTY', outcomeParams: {}, quarantined: false });
  });
});

describe('applyChunk', () => {
  it('grants, changes and revokes with one audit event each (before/after, the job id); applied twice it changes nothing and writes nothing more', async () => {
    const [a, b] = await createDeclarants(db.orm, company, 2);
    const portfolioId = company.portfolioIds[PORTFOLIO];
    const [s1, s2, s3] = company.sirets;
    await grant(db.orm, a, [
      { portfolioId, siret: s2, serviceCode: 'PEPS', canDeclare: true, canPay: false, canConsult: true },
      { portfolioId, siret: s3, serviceCode: 'PEPS', canDeclare: true, canPay: false, canConsult: true },
    ]);
    const payAll = { canDeclare: true, canPay: true, canConsult: true };
    const jobId = await applyingJob([
      grantOf(2, a, s1, 'PEPS'),
      grantOf(3, a, s2, 'PEPS', payAll),
      revokeOf(4, a, s3, 'PEPS'),
      grantOf(5, b, s1, 'MCF'),
      revokeOf(6, b, s2, 'MCF'),
      grantOf(7, a, s3, 'MCF'),
    ]);

    const first = await acts.applyChunk({ jobId, fromSeq: 1, toSeq: 4 });
    expect(first).toEqual({ done: 4, granted: 2, changed: 1, revoked: 1, rejected: 0 } satisfies ChunkResult);
    const afterFirst = [await rightsOf(db.orm, a), await rightsOf(db.orm, b)];
    expect(await acts.applyChunk({ jobId, fromSeq: 1, toSeq: 4 })).toEqual({ done: 4, granted: 0, changed: 0, revoked: 0, rejected: 0 });
    expect([await rightsOf(db.orm, a), await rightsOf(db.orm, b)]).toEqual(afterFirst);

    expect(await acts.applyChunk({ jobId, fromSeq: 5, toSeq: 6 })).toEqual({ done: 6, granted: 1, changed: 0, revoked: 0, rejected: 0 });
    expect(await acts.applyChunk({ jobId, fromSeq: 5, toSeq: 6 })).toEqual({ done: 6, granted: 0, changed: 0, revoked: 0, rejected: 0 });
    // Even past the progress guard, the statement finds every cell as planned already.
    await db.orm.em.fork().nativeUpdate(HabilitationJob, { id: jobId }, { changesDone: 0 });
    expect(await acts.applyChunk({ jobId, fromSeq: 1, toSeq: 6 })).toEqual({ done: 6, granted: 0, changed: 0, revoked: 0, rejected: 0 });

    const cell = (siret: string, serviceCode: string, rights = DEFAULT_RIGHTS) => ({ portfolioId, siret, serviceCode, ...rights });
    expect(await rightsOf(db.orm, a)).toEqual([cell(s1, 'PEPS'), cell(s2, 'PEPS', payAll), cell(s3, 'MCF')]);
    expect(await rightsOf(db.orm, b)).toEqual([cell(s1, 'MCF')]);

    const audit = await auditOfJob(jobId);
    expect(audit.map((e) => [e.dedupeKey, e.action, e.actorId, e.actorLabel, e.companyId])).toEqual([
      [`habilitation-job/${jobId}/1`, 'HABILITATION.GRANTED', admin.id, `${admin.firstName} ${admin.lastName}`, company.companyId],
      [`habilitation-job/${jobId}/2`, 'HABILITATION.CHANGED', admin.id, `${admin.firstName} ${admin.lastName}`, company.companyId],
      [`habilitation-job/${jobId}/3`, 'HABILITATION.REVOKED', admin.id, `${admin.firstName} ${admin.lastName}`, company.companyId],
      [`habilitation-job/${jobId}/4`, 'HABILITATION.GRANTED', admin.id, `${admin.firstName} ${admin.lastName}`, company.companyId],
      [`habilitation-job/${jobId}/6`, 'HABILITATION.GRANTED', admin.id, `${admin.firstName} ${admin.lastName}`, company.companyId],
    ]);
    const state = (accountId: string, siret: string, serviceCode: string, rights: typeof DEFAULT_RIGHTS) => ({ accountId, siret, serviceCode, portfolioId, ...rights });
    expect(audit[0]).toMatchObject({ before: null, after: { ...state(a, s1, 'PEPS', DEFAULT_RIGHTS), jobId } });
    expect(audit[1]).toMatchObject({ before: state(a, s2, 'PEPS', DEFAULT_RIGHTS), after: { ...state(a, s2, 'PEPS', payAll), jobId } });
    expect(audit[2]).toMatchObject({ before: state(a, s3, 'PEPS', DEFAULT_RIGHTS), after: { jobId } });
    const granted = await db.orm.em.fork().findOneOrFail(Habilitation, { account: a, siret: s1, service: 'PEPS' });
    expect(audit[0].targetId).toBe(granted.id);
    expect(granted.grantedBy).toBe(admin.id);
    expect((await jobRow(jobId)).changesDone).toBe(6);
  });

  it('never overwrites nor revokes a cell held through another portfolio: a rejected line with the change’s seq, once; nor grants where the portfolio or the holder changed since the plan', async () => {
    const [a, gone] = await createDeclarants(db.orm, company, 2);
    const [s1, s2, s3] = company.sirets;
    const other = { portfolioId: company.portfolioIds[OTHER], canDeclare: false, canPay: false, canConsult: true };
    await grant(db.orm, a, [
      { ...other, siret: s1, serviceCode: 'PEPS' },
      { ...other, siret: s2, serviceCode: 'PEPS' },
    ]);
    await db.orm.em.fork().nativeUpdate('Account', { id: gone }, { status: 'RADIATED' });
    await db.orm.em.fork().nativeDelete(PortfolioEstablishment, { portfolio: company.portfolioIds[PORTFOLIO], siret: company.sirets[19] });
    const jobId = await applyingJob([grantOf(2, a, s1, 'PEPS'), revokeOf(3, a, s2, 'PEPS'), grantOf(4, gone, s3, 'PEPS'), grantOf(5, a, company.sirets[19], 'PEPS'), grantOf(6, a, s3, 'PEPS')]);

    expect(await acts.applyChunk({ jobId, fromSeq: 1, toSeq: 5 })).toEqual({ done: 5, granted: 1, changed: 0, revoked: 0, rejected: 4 });
    await db.orm.em.fork().nativeUpdate(HabilitationJob, { id: jobId }, { changesDone: 0 });
    expect(await acts.applyChunk({ jobId, fromSeq: 1, toSeq: 5 })).toEqual({ done: 5, granted: 0, changed: 0, revoked: 0, rejected: 0 });

    expect(await rightsOf(db.orm, a)).toEqual([
      { ...other, siret: s1, serviceCode: 'PEPS' },
      { ...other, siret: s2, serviceCode: 'PEPS' },
      { portfolioId: company.portfolioIds[PORTFOLIO], siret: s3, serviceCode: 'PEPS', ...DEFAULT_RIGHTS },
    ]);
    const rejected = await db.orm.em.fork().find(RejectedHabilitationLine, { job: jobId }, { orderBy: { seq: 'ASC' } });
    expect(rejected.map((r) => [r.seq, r.line, r.code, r.raw ?? null])).toEqual([
      [1, 2, 'HABILITATION.OTHER_PORTFOLIO', null],
      [2, 3, 'HABILITATION.OTHER_PORTFOLIO', null],
      [3, 4, 'HABILITATION.HOLDER_GONE', null],
      [4, 5, 'HABILITATION.SIRET_NOT_IN_PORTFOLIO', null],
    ]);
    expect(rejected[0].params).toEqual({ accountId: a, siret: s1, serviceCode: 'PEPS', action: 'GRANT' });
    expect((await jobRow(jobId)).changesRejected).toBe(4);
    expect(await acts.finishJob({ jobId })).toEqual({ outcome: 'PARTIAL', reason: { code: 'HABILITATION_JOB.CHANGES_REJECTED', params: { rejected: 4, total: 5 } } });
    expect(await auditOfJob(jobId)).toHaveLength(1);
  });

  it('refuses, changing nothing, a job that is not applying', async () => {
    const [a] = await createDeclarants(db.orm, company, 1);
    const jobId = await createJob(db.orm, { portfolioId: company.portfolioIds[PORTFOLIO], companyId: company.companyId, createdBy: admin.id, status: 'CANCELLED' }, [grantOf(2, a, company.sirets[0], 'PEPS')]);
    await expect(acts.applyChunk({ jobId, fromSeq: 1, toSeq: 1 })).rejects.toMatchObject({ type: 'HABILITATION_JOB.NOT_APPLYING', nonRetryable: true });
    expect(await rightsOf(db.orm, a)).toEqual([]);
  });

  it('is seen by the access decisions: the change feed names the company for each grant, change and revoke', async () => {
    const [a] = await createDeclarants(db.orm, company, 1);
    const [s1, s2] = company.sirets;
    await grant(db.orm, a, [{ portfolioId: company.portfolioIds[PORTFOLIO], siret: s2, serviceCode: 'PEPS', ...DEFAULT_RIGHTS }]);
    const listener = new Client({ connectionString: db.url });
    const heard: string[] = [];
    listener.on('notification', (m) => heard.push(m.payload ?? ''));
    await listener.connect();
    try {
      await listener.query('listen access_changed');
      for (const change of [grantOf(2, a, s1, 'PEPS'), grantOf(3, a, s2, 'PEPS', { canDeclare: false, canPay: false, canConsult: true }), revokeOf(4, a, s1, 'PEPS')]) {
        const jobId = await applyingJob([change]);
        heard.length = 0;
        await acts.applyChunk({ jobId, fromSeq: 1, toSeq: 1 });
        await waitFor(async () => heard.includes(company.companyId));
      }
    } finally {
      await listener.end();
    }
  });

  it('applies a plan of 100,000 changes (2,000 SIRETs × 50 declarants) in chunks of 5,000, one audit event per change', async () => {
    const c = await createRightsCompany(db.orm, '842716409', 2_000);
    const declarants = await createDeclarants(db.orm, c, 50);
    const changes = declarants.flatMap((accountId, d) => c.sirets.map((siret, s) => grantOf(2 + d * c.sirets.length + s, accountId, siret, 'PEPS')));
    const jobId = await createJob(db.orm, { portfolioId: c.portfolioIds[PORTFOLIO], companyId: c.companyId, createdBy: admin.id, status: 'APPLYING' }, changes);
    const started = performance.now();
    for (let from = 1; from <= changes.length; from += 5_000) await acts.applyChunk({ jobId, fromSeq: from, toSeq: from + 4_999 });
    console.log(`applyChunk: ${changes.length} changes applied in ${Math.round(performance.now() - started)} ms (20 chunks)`);
    const [{ n }] = await db.orm.em.fork().execute('select count(*)::int as n from habilitation where portfolio_id = ?', [c.portfolioIds[PORTFOLIO]]);
    expect(n).toBe(100_000);
    expect(await db.orm.em.fork().count(AuditEvent, { dedupeKey: { $like: `habilitation-job/${jobId}/%` } })).toBe(100_000);
  });
});

describe('the job’s steps', () => {
  it('open, phases, finish: the workflow id recorded, the removals’ confirmation and the outcome audited once, a closed job never reopened', async () => {
    const [a] = await createDeclarants(db.orm, company, 1);
    const jobId = await createJob(db.orm, { portfolioId: company.portfolioIds[PORTFOLIO], companyId: company.companyId, createdBy: admin.id }, [
      grantOf(2, a, company.sirets[0], 'PEPS'),
    ]);
    await recordDryRun(db.orm.em.fork(), jobId, { counts: { linesRead: 2, rejected: 1, added: 1, removed: 0, changed: 0, unchanged: 0 }, outcome: 'PARTIAL', quarantined: true });

    expect(await asWorkflow(acts.openJob, { jobId })).toEqual({ portfolioId: company.portfolioIds[PORTFOLIO], companySiren: company.siren, quarantined: true, changesTotal: 1, changesDone: 0 });
    expect((await jobRow(jobId)).workflowId).toBe('habilitation-job-test');
    await acts.recordJobPhase({ jobId, phase: 'AWAITING_CONFIRMATION' });
    await acts.recordJobPhase({ jobId, phase: 'QUEUED', actorId: admin.id });
    await acts.recordJobPhase({ jobId, phase: 'QUEUED', actorId: admin.id });
    await acts.recordJobPhase({ jobId, phase: 'APPLYING' });
    await acts.applyChunk({ jobId, fromSeq: 1, toSeq: 1 });
    expect(await acts.finishJob({ jobId })).toEqual({ outcome: 'PARTIAL', reason: null });
    expect(await acts.finishJob({ jobId })).toEqual({ outcome: 'PARTIAL', reason: null });
    await acts.recordJobPhase({ jobId, phase: 'CANCELLED', actorId: admin.id });

    const job = await jobRow(jobId);
    expect(job).toMatchObject({ status: 'DONE', outcome: 'PARTIAL', outcomeCode: null, confirmedBy: admin.id, changesDone: 1 });
    expect(job.confirmedAt).toBeInstanceOf(Date);
    expect(job.finishedAt).toBeInstanceOf(Date);
    const trail = await db.orm.em.fork().find(AuditEvent, { targetType: 'HabilitationJob', targetId: jobId }, { orderBy: { at: 'ASC' } });
    expect(trail.map((e) => [e.action, e.actorId ?? null])).toEqual([
      ['HABILITATION_JOB.REMOVALS_CONFIRMED', admin.id],
      ['HABILITATION_JOB.DONE', null],
    ]);
    await expect(asWorkflow(acts.openJob, { jobId })).rejects.toMatchObject({ type: 'HABILITATION_JOB.CLOSED', nonRetryable: true });
  });
});
