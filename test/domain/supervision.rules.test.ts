import { failedAttempts, isIncident } from '../../domain/supervision/incident.rules';
import { byUrgency, type DatedTask } from '../../domain/supervision/task-order.rules';

describe('incidents: an activity failing at least 3 attempts', () => {
  it.each([
    // attempt, last failure, failed attempts, incident
    [1, null, 0, false],
    [2, 'ECONNREFUSED', 1, false],
    [3, 'ECONNREFUSED', 2, false],
    [4, 'ECONNREFUSED', 3, true],
    [9, 'ECONNREFUSED', 8, true],
    [5, null, 0, false],
  ])('attempt %i with last failure %p → %i failed, incident %p', (attempt, lastFailure, failed, incident) => {
    expect(failedAttempts({ attempt, lastFailure })).toBe(failed);
    expect(isIncident({ attempt, lastFailure })).toBe(incident);
  });
});

describe('task inbox order', () => {
  const task = (dueDate: string | null, overdue = false): DatedTask => ({ dueDate, overdue });
  it('puts overdue tasks first, then the nearest due date, undated tasks last', () => {
    const tasks = [
      task(null),
      task('2026-05-10T00:00:00.000Z'),
      task('2026-03-01T00:00:00.000Z', true),
      task('2026-04-01T00:00:00.000Z'),
      task('2026-02-01T00:00:00.000Z', true),
    ];
    expect([...tasks].sort(byUrgency)).toEqual([
      task('2026-02-01T00:00:00.000Z', true),
      task('2026-03-01T00:00:00.000Z', true),
      task('2026-04-01T00:00:00.000Z'),
      task('2026-05-10T00:00:00.000Z'),
      task(null),
    ]);
  });
});
