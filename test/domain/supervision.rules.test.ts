import { failedAttempts, isIncident } from '../../domain/supervision/incident.rules';
import { failureSummary } from '../../domain/supervision/failure-cause.rules';
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

describe('failure summaries: a cause and a code, never the message', () => {
  it.each([
    // type, message, timed out → cause, code
    ['Error', 'connect ECONNREFUSED 127.0.0.1:2525', false, 'SERVICE_UNREACHABLE', 'ECONNREFUSED'],
    ['Error', 'Greeting never received (ETIMEDOUT)', false, 'SERVICE_UNREACHABLE', 'ETIMEDOUT'],
    ['Error', 'Connection closed unexpectedly', false, 'SERVICE_UNREACHABLE', null],
    ['UniqueConstraintViolationException', 'insert into "audit_event" … duplicate key value violates unique constraint', false, 'DATABASE_CONSTRAINT', 'UniqueConstraintViolationException'],
    ['DriverException', 'insert into "audit_event" ("id") values (…) - invalid byte sequence', false, 'DATABASE_ERROR', 'DriverException'],
    ['ConnectionException', 'connect ECONNREFUSED 127.0.0.1:5432', false, 'DATABASE_UNAVAILABLE', 'ConnectionException'],
    ['Error', 'terminating connection due to administrator command', false, 'DATABASE_UNAVAILABLE', 'Error'],
    ['CANDIDACY.ALREADY_DECIDED', 'Cette candidature est déjà décidée.', false, 'BUSINESS_RULE', 'CANDIDACY.ALREADY_DECIDED'],
    [null, 'activity StartToClose timeout', true, 'TIMEOUT', null],
    ['TypeError', "Cannot read properties of undefined (reading 'id')", false, 'UNEXPECTED', 'TypeError'],
    [null, 'something', false, 'UNEXPECTED', null],
  ])('%p %p (timed out %p) → %p %p', (type, message, timedOut, cause, code) => {
    expect(failureSummary({ type, message, timedOut })).toEqual({ cause, code });
  });
});
