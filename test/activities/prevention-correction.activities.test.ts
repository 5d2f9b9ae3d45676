import { randomUUID } from 'node:crypto';
import { createPreventionCorrectionActivities, type CorrectionShareRead, type PreventionCorrectionActivities } from '../../activities/prevention/correction.activities';
import { lockCorrectionRequest } from '../../domain/prevention/correction-request';
import { PreventionCorrectionRequest, PreventionLearner } from '../../domain/prevention/prevention.entities';
import { createTestDatabase } from '../helpers/database';
import { declaredLines } from '../helpers/prevention.fixtures';

/**
 * The correction task's first step on PostgreSQL: it is started inside the
 * request's transaction, before the commit, so it waits for that
 * transaction to end and then tells a request made from one rolled back.
 */

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let correction: PreventionCorrectionActivities;

beforeAll(async () => {
  db = await createTestDatabase();
  correction = createPreventionCorrectionActivities({ orm: db.orm, publicUrl: 'http://127.0.0.1:3000' });
});

afterAll(async () => {
  await db?.drop();
});

const em = () => db.orm.em.fork();
/** The declarant SIRET of declaredLines' declarations. */
const SIRET = '11223344500012';
const SIREN = '552100554';

/** 'pending' when `promise` has not settled within `ms`. */
const stateAfter = (promise: Promise<unknown>, ms: number) =>
  Promise.race([promise.then(() => 'settled', () => 'settled'), new Promise((resolve) => setTimeout(() => resolve('pending'), ms))]);

/**
 * Sends `lines` back as the API does (lock, request recorded, lines marked),
 * runs `meanwhile` before the transaction ends, then commits it — or rolls
 * it back when `rollBack`.
 */
async function requestCorrection(requestId: string, lines: string[], meanwhile: () => Promise<void>, rollBack = false): Promise<void> {
  await em()
    .transactional(async (tx) => {
      await lockCorrectionRequest(tx, requestId);
      tx.create(PreventionCorrectionRequest, { id: requestId, employerSirens: [SIREN], requestedBy: randomUUID() });
      await tx.nativeUpdate(PreventionLearner, { id: { $in: lines } }, { status: 'CORRECTION_REQUESTED', correctionRequestId: requestId, decidedAt: new Date() });
      await tx.flush();
      await meanwhile();
      if (rollBack) throw new Error('rolled back');
    })
    .catch((err: unknown) => {
      if (!rollBack) throw err;
    });
}

describe('awaitCorrectionShare', () => {
  it('waits while the request’s transaction is open, then answers it recorded with its lines left', async () => {
    const requestId = randomUUID();
    const lines = await declaredLines(db.orm, SIREN, '2026-Q1', ['PENDING_VERIFICATION', 'PENDING_VERIFICATION', 'PENDING_VERIFICATION']);
    let answer!: Promise<CorrectionShareRead>;
    await requestCorrection(requestId, lines.slice(0, 2), async () => {
      answer = correction.awaitCorrectionShare({ requestId, declarantSiret: SIRET });
      expect(await stateAfter(answer, 500)).toBe('pending');
    });
    expect(await answer).toEqual({ recorded: true, left: 2 });
  });

  it('waits while the request’s transaction is open; rolled back, answers it not recorded', async () => {
    const requestId = randomUUID();
    const lines = await declaredLines(db.orm, SIREN, '2026-Q2', ['PENDING_VERIFICATION']);
    let answer!: Promise<CorrectionShareRead>;
    await requestCorrection(
      requestId,
      lines,
      async () => {
        answer = correction.awaitCorrectionShare({ requestId, declarantSiret: SIRET });
        expect(await stateAfter(answer, 500)).toBe('pending');
      },
      true,
    );
    expect(await answer).toEqual({ recorded: false, left: 0 });
    expect((await em().findOneOrFail(PreventionLearner, lines[0])).status).toBe('PENDING_VERIFICATION');
  });

  it('a request never made is not recorded, answered at once', async () => {
    expect(await correction.awaitCorrectionShare({ requestId: randomUUID(), declarantSiret: SIRET })).toEqual({ recorded: false, left: 0 });
  });

  it('a request committed whose lines were all deleted since is recorded, with none left', async () => {
    const requestId = randomUUID();
    const lines = await declaredLines(db.orm, SIREN, '2026-Q3', ['PENDING_VERIFICATION', 'PENDING_VERIFICATION']);
    await requestCorrection(requestId, lines, async () => undefined);
    await em().nativeDelete(PreventionLearner, { id: { $in: lines } });
    expect(await correction.awaitCorrectionShare({ requestId, declarantSiret: SIRET })).toEqual({ recorded: true, left: 0 });
  });

  it('a request committed before requests were recorded is known by its lines', async () => {
    const requestId = randomUUID();
    const [line] = await declaredLines(db.orm, SIREN, '2026-Q4', ['PENDING_VERIFICATION']);
    await em().nativeUpdate(PreventionLearner, { id: line }, { status: 'CORRECTION_REQUESTED', correctionRequestId: requestId });
    expect(await correction.awaitCorrectionShare({ requestId, declarantSiret: SIRET })).toEqual({ recorded: true, left: 1 });
    expect(await correction.awaitCorrectionShare({ requestId, declarantSiret: '99999999900018' })).toEqual({ recorded: true, left: 0 });
  });
});
