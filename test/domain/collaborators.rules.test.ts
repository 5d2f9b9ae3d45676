import type { RightCell } from '../../domain/collaborators/collaborators.status';
import { dateRefusal, isCalendarDate, parisStartOf, parisToday } from '../../domain/collaborators/effective-date.rules';
import { lastAdministratorGuard, type AdministratorsAtDeparture } from '../../domain/collaborators/last-administrator.rules';
import { cellKey, planTransfer } from '../../domain/collaborators/transfer.rules';

const right = (siret: string, serviceCode: string, flags: string, portfolioId = 'p'): RightCell => ({
  portfolioId,
  siret,
  serviceCode,
  canDeclare: flags.includes('D'),
  canPay: flags.includes('P'),
  canConsult: flags.includes('C'),
});
const flagsOf = (r: RightCell) => `${r.canDeclare ? 'D' : ''}${r.canPay ? 'P' : ''}${r.canConsult ? 'C' : ''}`;
const summary = (rights: RightCell[]) => rights.map((r) => `${cellKey(r)}:${flagsOf(r)}:${r.portfolioId}`).sort();

describe('planTransfer (the union a transfer produces)', () => {
  it.each<[string, RightCell[], RightCell[], string[], string[]]>([
    ['target holds nothing', [right('A', 'MCF', 'DC', 'p1')], [], ['A|MCF:DC:p1'], ['TRANSFERRED']],
    ['leaver holds nothing', [], [right('A', 'MCF', 'C', 'p2')], ['A|MCF:C:p2'], []],
    ['disjoint cells', [right('A', 'MCF', 'D', 'p1')], [right('B', 'MCF', 'C', 'p2')], ['A|MCF:D:p1', 'B|MCF:C:p2'], ['TRANSFERRED']],
    ['same cell: flags OR-ed, the target keeps his portfolio', [right('A', 'MCF', 'DP', 'p1')], [right('A', 'MCF', 'C', 'p2')], ['A|MCF:DPC:p2'], ['ALREADY_HELD']],
    ['same cell, nothing new', [right('A', 'MCF', 'C', 'p1')], [right('A', 'MCF', 'DPC', 'p2')], ['A|MCF:DPC:p2'], ['ALREADY_HELD']],
    ['same SIRET, other service', [right('A', 'PEPS', 'P', 'p1')], [right('A', 'MCF', 'C', 'p1')], ['A|MCF:C:p1', 'A|PEPS:P:p1'], ['TRANSFERRED']],
  ])('%s', (_case, leaver, target, union, outcomes) => {
    const plan = planTransfer(leaver, target);
    expect(summary(plan.union)).toEqual(union);
    expect(plan.outcomes.map((o) => o.outcome)).toEqual(outcomes);
  });

  it('never holds a cell twice and never loses a flag', () => {
    const leaver = [right('A', 'MCF', 'D'), right('B', 'MCF', 'P'), right('C', 'PEPS', 'C')];
    const target = [right('A', 'MCF', 'C'), right('C', 'PEPS', 'D'), right('D', 'MCF', 'DPC')];
    const { union } = planTransfer(leaver, target);
    expect(new Set(union.map(cellKey)).size).toBe(union.length);
    for (const r of [...leaver, ...target]) {
      const held = union.find((u) => cellKey(u) === cellKey(r))!;
      expect([held.canDeclare || !r.canDeclare, held.canPay || !r.canPay, held.canConsult || !r.canConsult]).toEqual([true, true, true]);
    }
  });
});

describe('dates in Paris', () => {
  it.each([
    ['2026-01-15', '2026-01-14T23:00:00.000Z'],
    ['2026-07-15', '2026-07-14T22:00:00.000Z'],
    ['2026-03-29', '2026-03-28T23:00:00.000Z'],
    ['2026-03-30', '2026-03-29T22:00:00.000Z'],
    ['2026-10-25', '2026-10-24T22:00:00.000Z'],
    ['2026-10-26', '2026-10-25T23:00:00.000Z'],
  ])('%s begins at %s', (date, instant) => {
    expect(parisStartOf(date).toISOString()).toBe(instant);
  });

  it.each([
    ['2026-01-14T22:59:59Z', '2026-01-14'],
    ['2026-01-14T23:00:00Z', '2026-01-15'],
    ['2026-07-14T21:30:00Z', '2026-07-14'],
    ['2026-07-14T22:30:00Z', '2026-07-15'],
  ])('at %s it is %s in Paris', (now, today) => {
    expect(parisToday(new Date(now))).toBe(today);
  });

  it.each<[string, string, string | null]>([
    ['2026-05-10', '2026-05-10T08:00:00Z', null],
    ['2026-05-11', '2026-05-10T08:00:00Z', null],
    ['2026-05-09', '2026-05-10T08:00:00Z', 'La date ne peut pas être passée'],
    ['2026-05-10', '2026-05-09T22:30:00Z', null],
    ['2026-05-09', '2026-05-09T22:30:00Z', 'La date ne peut pas être passée'],
    ['2026-02-30', '2026-01-01T00:00:00Z', 'Date attendue au format AAAA-MM-JJ'],
    ['10/05/2026', '2026-01-01T00:00:00Z', 'Date attendue au format AAAA-MM-JJ'],
  ])('%s on %s → %s', (date, now, refusal) => {
    expect(dateRefusal(date, new Date(now))).toBe(refusal);
  });

  it('knows real calendar days', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2027-02-29')).toBe(false);
  });
});

describe('lastAdministratorGuard', () => {
  const admins = (leaverIsActiveAdministrator: boolean, otherActiveAdministrators: number, successor: AdministratorsAtDeparture['successor'] = null) => ({
    leaverIsActiveAdministrator,
    otherActiveAdministrators,
    successor,
  });
  it.each<[string, string, AdministratorsAtDeparture]>([
    ['a declarant leaves', 'OK', admins(false, 0)],
    ['one administrator among two', 'OK', admins(true, 1)],
    ['the last one, no successor', 'REFUSED', admins(true, 0)],
    ['the last one, an active successor', 'OK', admins(true, 0, { activeAdministrator: true, candidate: false })],
    ['the last one, a candidate successor', 'WAIT_FOR_SUCCESSOR', admins(true, 0, { activeAdministrator: false, candidate: true })],
    ['the last one, a successor who is neither', 'REFUSED', admins(true, 0, { activeAdministrator: false, candidate: false })],
  ])('%s → %s', (_case, verdict, situation) => {
    expect(lastAdministratorGuard(situation)).toBe(verdict);
  });
});
