import {
  DECLARATION_MONTHS,
  DEFAULT_VERIFICATION_MONTHS,
  OPENINGS,
  datesRefusal,
  declarationDeadline,
  endOfParisDay,
  isQuarterKey,
  lateness,
  monthsAfterQuarter,
  openingRefusal,
  quarterEnd,
  quarterOf,
  referenceDay,
  verificationDeadline,
  type DatesRefusal,
  type DeclarantKind,
  type ProofType,
  type QuarterKey,
} from '../../domain/prevention/declaration-dates.rules';

describe('quarters', () => {
  it.each`
    day             | quarter
    ${'2026-01-01'} | ${'2026-Q1'}
    ${'2026-03-31'} | ${'2026-Q1'}
    ${'2026-04-01'} | ${'2026-Q2'}
    ${'2026-06-30'} | ${'2026-Q2'}
    ${'2026-07-01'} | ${'2026-Q3'}
    ${'2026-09-30'} | ${'2026-Q3'}
    ${'2026-10-01'} | ${'2026-Q4'}
    ${'2026-12-31'} | ${'2026-Q4'}
    ${'2028-02-29'} | ${'2028-Q1'}
  `('$day is in $quarter', ({ day, quarter }: { day: string; quarter: QuarterKey }) => {
    expect(quarterOf(day)).toBe(quarter);
  });

  it.each(['2026-02-30', '2027-02-29', '26-01-01', '2026-1-01', ''])('quarterOf refuses "%s", which is no calendar day', (day) => {
    expect(() => quarterOf(day)).toThrow(RangeError);
  });

  it.each`
    text          | ok
    ${'2026-Q1'}  | ${true}
    ${'2025-Q4'}  | ${true}
    ${'2026-Q0'}  | ${false}
    ${'2026-Q5'}  | ${false}
    ${'2026-q1'}  | ${false}
    ${'26-Q1'}    | ${false}
    ${'2026-Q1 '} | ${false}
    ${'2026Q1'}   | ${false}
  `('isQuarterKey("$text") is $ok', ({ text, ok }: { text: string; ok: boolean }) => {
    expect(isQuarterKey(text)).toBe(ok);
  });

  it.each`
    quarter      | end
    ${'2026-Q1'} | ${'2026-03-31'}
    ${'2026-Q2'} | ${'2026-06-30'}
    ${'2026-Q3'} | ${'2026-09-30'}
    ${'2026-Q4'} | ${'2026-12-31'}
  `('$quarter ends on $end', ({ quarter, end }: { quarter: QuarterKey; end: string }) => {
    expect(quarterEnd(quarter)).toBe(end);
  });
});

describe('referenceDay', () => {
  it.each`
    proofType       | trainingEnd     | proofValidFrom  | day             | quarter
    ${'ATTENDANCE'} | ${'2026-03-31'} | ${null}         | ${'2026-03-31'} | ${'2026-Q1'}
    ${'SUCCESS'}    | ${'2026-03-20'} | ${'2026-03-31'} | ${'2026-03-31'} | ${'2026-Q1'}
    ${'SUCCESS'}    | ${'2026-03-20'} | ${'2026-04-02'} | ${'2026-04-02'} | ${'2026-Q2'}
    ${'SUCCESS'}    | ${'2025-12-15'} | ${'2026-01-05'} | ${'2026-01-05'} | ${'2026-Q1'}
    ${'SUCCESS'}    | ${'2026-03-20'} | ${'2026-03-20'} | ${'2026-03-20'} | ${'2026-Q1'}
    ${'SUCCESS'}    | ${'2026-04-10'} | ${'2026-03-01'} | ${'2026-04-10'} | ${'2026-Q2'}
    ${'SUCCESS'}    | ${'2026-03-20'} | ${null}         | ${'2026-03-20'} | ${'2026-Q1'}
    ${'ATTENDANCE'} | ${'2026-03-20'} | ${'2026-04-02'} | ${'2026-03-20'} | ${'2026-Q1'}
  `(
    '$proofType ended $trainingEnd, proof valid from $proofValidFrom → $day ($quarter)',
    ({ proofType, trainingEnd, proofValidFrom, day, quarter }: { proofType: ProofType; trainingEnd: string; proofValidFrom: string | null; day: string; quarter: QuarterKey }) => {
      expect(referenceDay({ proofType, trainingEnd, proofValidFrom })).toBe(day);
      expect(quarterOf(referenceDay({ proofType, trainingEnd, proofValidFrom }))).toBe(quarter);
    },
  );
});

describe('deadlines', () => {
  it('declares within 3 months for a training body, 6 for an employer; verification 6 by default', () => {
    expect(DECLARATION_MONTHS).toEqual({ TRAINING_BODY: 3, EMPLOYER: 6 });
    expect(DEFAULT_VERIFICATION_MONTHS).toBe(6);
  });

  it.each`
    quarter      | months | day
    ${'2026-Q1'} | ${0}   | ${'2026-03-31'}
    ${'2026-Q1'} | ${1}   | ${'2026-04-30'}
    ${'2026-Q1'} | ${3}   | ${'2026-06-30'}
    ${'2025-Q4'} | ${3}   | ${'2026-03-31'}
    ${'2025-Q4'} | ${6}   | ${'2026-06-30'}
    ${'2025-Q4'} | ${2}   | ${'2026-02-28'}
    ${'2027-Q4'} | ${2}   | ${'2028-02-29'}
    ${'2027-Q3'} | ${5}   | ${'2028-02-29'}
    ${'2026-Q3'} | ${5}   | ${'2027-02-28'}
    ${'2099-Q3'} | ${5}   | ${'2100-02-28'}
    ${'1999-Q3'} | ${5}   | ${'2000-02-29'}
    ${'2026-Q2'} | ${9}   | ${'2027-03-31'}
    ${'2026-Q4'} | ${12}  | ${'2027-12-31'}
    ${'2026-Q4'} | ${14}  | ${'2028-02-29'}
  `('$quarter + $months months → $day', ({ quarter, months, day }: { quarter: QuarterKey; months: number; day: string }) => {
    expect(monthsAfterQuarter(quarter, months)).toBe(day);
  });

  it.each([-1, 1.5, Number.NaN])('monthsAfterQuarter refuses %p months', (months) => {
    expect(() => monthsAfterQuarter('2026-Q1', months)).toThrow(RangeError);
  });

  it('monthsAfterQuarter refuses what is not a quarter', () => {
    expect(() => monthsAfterQuarter('2026-Q5' as QuarterKey, 3)).toThrow(RangeError);
  });

  it.each`
    quarter      | kind               | deadline
    ${'2026-Q1'} | ${'TRAINING_BODY'} | ${'2026-06-30'}
    ${'2026-Q1'} | ${'EMPLOYER'}      | ${'2026-09-30'}
    ${'2025-Q2'} | ${'TRAINING_BODY'} | ${'2025-09-30'}
    ${'2025-Q2'} | ${'EMPLOYER'}      | ${'2025-12-31'}
    ${'2025-Q4'} | ${'TRAINING_BODY'} | ${'2026-03-31'}
    ${'2025-Q4'} | ${'EMPLOYER'}      | ${'2026-06-30'}
    ${'2026-Q3'} | ${'TRAINING_BODY'} | ${'2026-12-31'}
    ${'2026-Q3'} | ${'EMPLOYER'}      | ${'2027-03-31'}
  `('$kind declares $quarter by $deadline', ({ quarter, kind, deadline }: { quarter: QuarterKey; kind: DeclarantKind; deadline: string }) => {
    expect(declarationDeadline(quarter, kind)).toBe(deadline);
  });

  it.each`
    quarter      | months       | deadline
    ${'2026-Q1'} | ${undefined} | ${'2026-09-30'}
    ${'2025-Q4'} | ${undefined} | ${'2026-06-30'}
    ${'2026-Q1'} | ${9}         | ${'2026-12-31'}
    ${'2026-Q2'} | ${9}         | ${'2027-03-31'}
  `('the employer verifies $quarter (months: $months) until $deadline', ({ quarter, months, deadline }: { quarter: QuarterKey; months: number | undefined; deadline: string }) => {
    expect(verificationDeadline(quarter, months)).toBe(deadline);
  });
});

describe('lateness', () => {
  it.each`
    deadline        | declaredOn      | late     | daysLate
    ${'2026-06-30'} | ${'2026-04-01'} | ${false} | ${0}
    ${'2026-06-30'} | ${'2026-06-29'} | ${false} | ${0}
    ${'2026-06-30'} | ${'2026-06-30'} | ${false} | ${0}
    ${'2026-06-30'} | ${'2026-07-01'} | ${true}  | ${1}
    ${'2026-06-30'} | ${'2026-07-31'} | ${true}  | ${31}
    ${'2026-12-31'} | ${'2027-01-01'} | ${true}  | ${1}
    ${'2026-12-31'} | ${'2027-01-10'} | ${true}  | ${10}
    ${'2026-03-31'} | ${'2027-03-31'} | ${true}  | ${365}
    ${'2028-02-29'} | ${'2028-03-01'} | ${true}  | ${1}
    ${'2026-03-28'} | ${'2026-03-30'} | ${true}  | ${2}
    ${'2026-10-24'} | ${'2026-10-26'} | ${true}  | ${2}
  `('deadline $deadline, declared $declaredOn → late $late by $daysLate', ({ deadline, declaredOn, late, daysLate }: { deadline: string; declaredOn: string; late: boolean; daysLate: number }) => {
    expect(lateness(deadline, declaredOn)).toEqual({ late, daysLate });
  });
});

describe('endOfParisDay', () => {
  it.each`
    day             | instant
    ${'2026-01-15'} | ${'2026-01-15T23:00:00.000Z'}
    ${'2026-07-15'} | ${'2026-07-15T22:00:00.000Z'}
    ${'2026-06-30'} | ${'2026-06-30T22:00:00.000Z'}
    ${'2026-12-31'} | ${'2026-12-31T23:00:00.000Z'}
    ${'2028-02-29'} | ${'2028-02-29T23:00:00.000Z'}
    ${'2026-03-28'} | ${'2026-03-28T23:00:00.000Z'}
    ${'2026-03-29'} | ${'2026-03-29T22:00:00.000Z'}
    ${'2026-10-24'} | ${'2026-10-24T22:00:00.000Z'}
    ${'2026-10-25'} | ${'2026-10-25T23:00:00.000Z'}
  `('$day is over in Paris at $instant', ({ day, instant }: { day: string; instant: string }) => {
    expect(endOfParisDay(day)).toBe(instant);
  });
});

describe('datesRefusal', () => {
  const today = '2026-05-10';
  const attendance = { proofType: 'ATTENDANCE' as ProofType, trainingStart: '2026-03-02', trainingEnd: '2026-03-06', proofValidFrom: null };
  const success = { ...attendance, proofType: 'SUCCESS' as ProofType, proofValidFrom: '2026-03-20' };

  it.each`
    what                                  | dates
    ${'an attendance certificate'}        | ${attendance}
    ${'a one-day training'}               | ${{ ...attendance, trainingStart: '2026-03-06' }}
    ${'a training ending today'}          | ${{ ...attendance, trainingEnd: today }}
    ${'a success proof'}                  | ${success}
    ${'a proof valid from the end day'}   | ${{ ...success, proofValidFrom: '2026-03-06' }}
    ${'a proof valid from today'}         | ${{ ...success, proofValidFrom: today }}
  `('accepts $what', ({ dates }: { dates: Parameters<typeof datesRefusal>[0] }) => {
    expect(datesRefusal(dates, today)).toBeNull();
  });

  it.each`
    what                                              | dates                                                               | code                                   | field
    ${'a start that is no day'}                       | ${{ ...attendance, trainingStart: '2026-02-30' }}                   | ${'PREVENTION.DATE_INVALID'}           | ${'trainingStart'}
    ${'a start in another format'}                    | ${{ ...attendance, trainingStart: '02/03/2026' }}                   | ${'PREVENTION.DATE_INVALID'}           | ${'trainingStart'}
    ${'an end that is no day'}                        | ${{ ...attendance, trainingEnd: '2026-13-01' }}                     | ${'PREVENTION.DATE_INVALID'}           | ${'trainingEnd'}
    ${'a proof date that is no day'}                  | ${{ ...success, proofValidFrom: '2026-04-31' }}                     | ${'PREVENTION.DATE_INVALID'}           | ${'proofValidFrom'}
    ${'an empty proof date'}                          | ${{ ...success, proofValidFrom: '' }}                               | ${'PREVENTION.DATE_INVALID'}           | ${'proofValidFrom'}
    ${'an end before the start'}                      | ${{ ...attendance, trainingStart: '2026-03-07' }}                   | ${'PREVENTION.DATE_ORDER'}             | ${'trainingEnd'}
    ${'a proof valid before the end'}                 | ${{ ...success, proofValidFrom: '2026-03-05' }}                     | ${'PREVENTION.DATE_ORDER'}             | ${'proofValidFrom'}
    ${'an end tomorrow'}                              | ${{ ...attendance, trainingEnd: '2026-05-11' }}                     | ${'PREVENTION.DATE_FUTURE'}            | ${'trainingEnd'}
    ${'a proof valid from tomorrow'}                  | ${{ ...success, proofValidFrom: '2026-05-11' }}                     | ${'PREVENTION.DATE_FUTURE'}            | ${'proofValidFrom'}
    ${'a success proof without its date'}             | ${{ ...success, proofValidFrom: null }}                             | ${'PREVENTION.PROOF_DATE_REQUIRED'}    | ${'proofValidFrom'}
    ${'an attendance certificate with a proof date'}  | ${{ ...attendance, proofValidFrom: '2026-03-20' }}                  | ${'PREVENTION.PROOF_DATE_UNEXPECTED'}  | ${'proofValidFrom'}
    ${'an attendance certificate with an empty date'} | ${{ ...attendance, proofValidFrom: '' }}                            | ${'PREVENTION.PROOF_DATE_UNEXPECTED'}  | ${'proofValidFrom'}
  `('refuses $what: $code on $field', ({ dates, code, field }: { dates: Parameters<typeof datesRefusal>[0]; code: DatesRefusal['code']; field: string }) => {
    const refusal = datesRefusal(dates, today);
    expect(refusal).toEqual({ code, field, message: expect.any(String) });
    expect(refusal?.message.length).toBeGreaterThan(0);
  });

  it('says in French what is wrong', () => {
    expect(datesRefusal({ ...success, proofValidFrom: null }, today)).toEqual({
      code: 'PREVENTION.PROOF_DATE_REQUIRED',
      field: 'proofValidFrom',
      message: 'La date à laquelle la preuve de réussite est valable est obligatoire.',
    });
  });
});

describe('openings', () => {
  it('opens the OF space on 28 Apr 2025, the employer space on 16 Mar 2026, file import on 9 Jul 2026', () => {
    expect(OPENINGS).toEqual({ TRAINING_BODY: '2025-04-28', EMPLOYER: '2026-03-16', FILE: '2026-07-09' });
  });

  it.each`
    kind               | channel   | today           | opensOn
    ${'TRAINING_BODY'} | ${'FORM'} | ${'2025-04-27'} | ${'2025-04-28'}
    ${'TRAINING_BODY'} | ${'FORM'} | ${'2025-04-28'} | ${null}
    ${'TRAINING_BODY'} | ${'FORM'} | ${'2025-04-29'} | ${null}
    ${'TRAINING_BODY'} | ${'FILE'} | ${'2025-04-28'} | ${'2026-07-09'}
    ${'TRAINING_BODY'} | ${'FILE'} | ${'2026-07-08'} | ${'2026-07-09'}
    ${'TRAINING_BODY'} | ${'FILE'} | ${'2026-07-09'} | ${null}
    ${'TRAINING_BODY'} | ${'FILE'} | ${'2026-07-10'} | ${null}
    ${'EMPLOYER'}      | ${'FORM'} | ${'2025-04-28'} | ${'2026-03-16'}
    ${'EMPLOYER'}      | ${'FORM'} | ${'2026-03-15'} | ${'2026-03-16'}
    ${'EMPLOYER'}      | ${'FORM'} | ${'2026-03-16'} | ${null}
    ${'EMPLOYER'}      | ${'FORM'} | ${'2026-03-17'} | ${null}
    ${'EMPLOYER'}      | ${'FILE'} | ${'2026-03-15'} | ${'2026-07-09'}
    ${'EMPLOYER'}      | ${'FILE'} | ${'2026-03-16'} | ${'2026-07-09'}
    ${'EMPLOYER'}      | ${'FILE'} | ${'2026-07-08'} | ${'2026-07-09'}
    ${'EMPLOYER'}      | ${'FILE'} | ${'2026-07-09'} | ${null}
    ${'EMPLOYER'}      | ${'FILE'} | ${'2026-07-10'} | ${null}
  `('$kind by $channel on $today: opens on $opensOn', ({ kind, channel, today, opensOn }: { kind: DeclarantKind; channel: 'FORM' | 'FILE'; today: string; opensOn: string | null }) => {
    expect(openingRefusal(kind, channel, today)).toEqual(opensOn === null ? null : { code: 'PREVENTION.NOT_OPEN_YET', opensOn });
  });
});
