import { campaignSteps, milestoneInstant, openDesignationPeriod, windowAt } from '../../domain/soltea/calendar.rules';
import { moveRefusal, movedCalendar, type MoveRequest } from '../../domain/soltea/calendar-moves.rules';
import { defaultCalendar, knownCalendar } from '../../domain/soltea/calendars';

const cal2025 = knownCalendar('calendar-2025')!;
const request = (moves: MoveRequest['moves'], over: Partial<MoveRequest> = {}): MoveRequest => ({ moves, reason: 'Prolongation', legalReference: 'arrêté du 6 octobre 2023', ...over });

describe('SOLTéA calendar', () => {
  it.each([
    ['PERIOD1_OPEN', '2025-05-26', '2025-05-25T22:00:00.000Z'],
    ['PERIOD1_CLOSE', '2025-06-27', '2025-06-27T22:00:00.000Z'],
    ['ESTABLISHMENTS_OPEN', '2024-11-14', '2024-11-13T23:00:00.000Z'],
    ['PERIOD2_CLOSE', '2025-10-25', '2025-10-25T22:00:00.000Z'],
    ['PERIOD2_CLOSE', '2025-10-26', '2025-10-26T23:00:00.000Z'],
  ] as const)('%s dated %s takes effect at %s (Paris time, a close at the end of its day)', (key, date, at) => {
    expect(milestoneInstant(key, date)).toBe(at);
  });

  it('orders the steps by date: milestones, and the reminders 7 and 2 days before each period closes', () => {
    expect(campaignSteps(cal2025).map((s) => `${s.key}@${s.at.slice(0, 10)}`)).toEqual([
      'ESTABLISHMENTS_OPEN@2024-11-13',
      'ESTABLISHMENTS_CLOSE@2025-01-17',
      'PERIOD1_OPEN@2025-05-25',
      'REMINDER_PERIOD1_7@2025-06-20',
      'REMINDER_PERIOD1_2@2025-06-25',
      'PERIOD1_CLOSE@2025-06-27',
      'TRANSFER1@2025-07-10',
      'PERIOD2_OPEN@2025-07-13',
      'REMINDER_PERIOD2_7@2025-10-17',
      'REMINDER_PERIOD2_2@2025-10-22',
      'PERIOD2_CLOSE@2025-10-24',
      'TRANSFER2@2025-11-06',
      'UNALLOCATED_DISTRIBUTION@2025-11-26',
      'CAMPAIGN_CLOSE@2025-12-14',
    ]);
  });

  it('drops a reminder that would come before its period opens', () => {
    const short = { ...cal2025, reminderDaysBefore: [40, 2] };
    expect(campaignSteps(short).filter((s) => s.reminder).map((s) => s.key)).toEqual(['REMINDER_PERIOD1_2', 'REMINDER_PERIOD2_40', 'REMINDER_PERIOD2_2']);
  });

  it('shifts 2025 to any year, 29 February included', () => {
    const y2028 = defaultCalendar(2028);
    expect(y2028.version).toBe('default-2025-shifted');
    expect(y2028.milestones.PERIOD1_OPEN.date).toBe('2028-05-26');
    expect(y2028.milestones.ESTABLISHMENTS_OPEN.date).toBe('2027-11-14');
    expect(defaultCalendar(2025).version).toBe('calendar-2025');
  });

  it('opens windows from their opening instant to their closing one', () => {
    expect(windowAt(cal2025, 'PERIOD1', new Date('2025-06-27T21:59:59Z')).open).toBe(true);
    expect(windowAt(cal2025, 'PERIOD1', new Date('2025-06-27T22:00:00Z')).open).toBe(false);
    expect(openDesignationPeriod(cal2025, new Date('2025-07-01T10:00:00Z'))).toBeNull();
    expect(openDesignationPeriod(cal2025, new Date('2025-08-01T10:00:00Z'))).toBe('PERIOD2');
    expect(windowAt(cal2025, 'ESTABLISHMENTS', new Date('2024-11-01T00:00:00Z'))).toMatchObject({ open: false, opensAt: '2024-11-13T23:00:00.000Z' });
  });
});

describe('SOLTéA milestone moves', () => {
  const c2024 = knownCalendar('arrete-2024')!;
  const duringPeriod1 = new Date('2024-06-15T10:00:00Z');
  const fired = new Set(['ESTABLISHMENTS_OPEN', 'ESTABLISHMENTS_CLOSE', 'PERIOD1_OPEN']);

  it.each<[string, MoveRequest, string | null]>([
    ['the 2024 move, together', request([{ milestone: 'PERIOD1_CLOSE', date: '2024-08-23' }, { milestone: 'TRANSFER1', date: '2024-09-06' }, { milestone: 'PERIOD2_OPEN', date: '2024-09-07' }]), null],
    ['period 1 end alone, past transfer 1', request([{ milestone: 'PERIOD1_CLOSE', date: '2024-08-23' }]), 'SOLTEA.MOVE_ORDER'],
    ['a fired milestone', request([{ milestone: 'PERIOD1_OPEN', date: '2024-06-20' }]), 'SOLTEA.MILESTONE_PASSED'],
    ['into the past', request([{ milestone: 'PERIOD1_CLOSE', date: '2024-06-01' }]), 'SOLTEA.MOVE_INTO_PAST'],
    ['no reason', request([{ milestone: 'PERIOD1_CLOSE', date: '2024-07-30' }], { reason: '  ' }), 'SOLTEA.MOVE_REASON_REQUIRED'],
    ['no legal reference', request([{ milestone: 'PERIOD1_CLOSE', date: '2024-07-30' }], { legalReference: '' }), 'SOLTEA.MOVE_LEGAL_REFERENCE_REQUIRED'],
    ['nothing to move', request([]), 'SOLTEA.MOVE_EMPTY'],
    ['twice the same milestone', request([{ milestone: 'TRANSFER2', date: '2024-10-12' }, { milestone: 'TRANSFER2', date: '2024-10-13' }]), 'SOLTEA.MOVE_DUPLICATE'],
    ['not a date', request([{ milestone: 'TRANSFER2', date: '2024-02-30' }]), 'SOLTEA.MOVE_BAD_DATE'],
    ['designation periods under two months', request([{ milestone: 'PERIOD1_CLOSE', date: '2024-06-16' }, { milestone: 'PERIOD2_CLOSE', date: '2024-08-20' }]), 'SOLTEA.DESIGNATION_TOO_SHORT'],
  ])('%s', (_case, asked, code) => {
    expect(moveRefusal(c2024, fired, asked, duringPeriod1)?.code ?? null).toBe(code);
  });

  it('versions the calendar at each move and moves only what was asked', () => {
    const once = movedCalendar(c2024, [{ milestone: 'TRANSFER2', date: '2024-10-14' }]);
    const twice = movedCalendar(once, [{ milestone: 'TRANSFER2', date: '2024-10-15' }]);
    expect([once.version, twice.version]).toEqual(['arrete-2024+1', 'arrete-2024+2']);
    expect(twice.milestones.TRANSFER2).toEqual({ date: '2024-10-15', at: '2024-10-14T22:00:00.000Z' });
    expect(twice.milestones.PERIOD2_CLOSE).toEqual(c2024.milestones.PERIOD2_CLOSE);
  });
});
