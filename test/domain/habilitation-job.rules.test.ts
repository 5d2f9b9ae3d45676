import { appliedOutcome, type Outcome } from '../../domain/habilitation-jobs/habilitation-job.rules';

describe('appliedOutcome', () => {
  const ok: Outcome = { outcome: 'OK', reason: null };
  const partial: Outcome = { outcome: 'PARTIAL', reason: null };
  const ko: Outcome = { outcome: 'KO', reason: { code: 'HABILITATION_FILE.ALL_LINES_REJECTED', params: { rejected: 4 } } };
  const all = { code: 'HABILITATION_JOB.ALL_CHANGES_REJECTED', params: { rejected: 8, total: 8 } };
  it.each([
    ['an OK dry-run, nothing rejected', ok, 8, 0, ok],
    ['no dry-run recorded, nothing rejected', null, 8, 0, ok],
    ['an OK dry-run with nothing to change', ok, 0, 0, ok],
    ['a PARTIAL dry-run', partial, 8, 0, partial],
    ['a PARTIAL dry-run, some changes rejected', partial, 8, 2, partial],
    ['an OK dry-run, some changes rejected', ok, 8, 2, { outcome: 'PARTIAL', reason: { code: 'HABILITATION_JOB.CHANGES_REJECTED', params: { rejected: 2, total: 8 } } }],
    ['an OK dry-run, every change rejected', ok, 8, 8, { outcome: 'KO', reason: all }],
    ['a PARTIAL dry-run, every change rejected', partial, 8, 8, { outcome: 'KO', reason: all }],
    ['a KO dry-run', ko, 0, 0, ko],
  ] as const)('%s → %o', (_case, planned, changesTotal, changesRejected, expected) => {
    expect(appliedOutcome(planned, { changesTotal, changesRejected })).toEqual(expected);
  });
});
