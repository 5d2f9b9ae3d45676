import {
  checkSiren,
  checkSiret,
  LA_POSTE_HEAD_OFFICE_SIRET,
  LA_POSTE_SIREN,
  luhnValid,
  sirenOf,
  type IdentifierCheck,
  type IdentifierErrorCode,
} from '../../domain/identifiers/identifiers.rules';

/** Sum of the digits, written here independently of the rule under test. */
const digitSum = (digits: string): number => [...digits].reduce((sum, c) => sum + Number(c), 0);

function expectFailure(check: IdentifierCheck, code: IdentifierErrorCode): string {
  expect(check).toEqual({ ok: false, code, message: expect.any(String) });
  if (check.ok) throw new Error('unreachable');
  expect(check.message.length).toBeGreaterThan(0);
  return check.message;
}

describe('luhnValid', () => {
  it.each`
    digits              | valid
    ${'732829320'}      | ${true}
    ${'842716409'}      | ${true}
    ${'73282932000074'} | ${true}
    ${'84271640900011'} | ${true}
    ${'356000000'}      | ${true}
    ${'35600000000048'} | ${true}
    ${'054209317'}      | ${true}
    ${'05420931700012'} | ${true}
    ${'732829321'}      | ${false}
    ${'842716408'}      | ${false}
    ${'73282932000075'} | ${false}
    ${'84271640900012'} | ${false}
    ${'35600000000970'} | ${false}
  `('$digits → $valid', ({ digits, valid }: { digits: string; valid: boolean }) => {
    expect(luhnValid(digits)).toBe(valid);
  });
});

describe('sirenOf', () => {
  it.each`
    siret               | siren
    ${'73282932000074'} | ${'732829320'}
    ${'84271640900011'} | ${'842716409'}
    ${'35600000000048'} | ${'356000000'}
    ${'05420931700012'} | ${'054209317'}
  `('SIREN of $siret is $siren', ({ siret, siren }: { siret: string; siren: string }) => {
    expect(sirenOf(siret)).toBe(siren);
    expect(checkSiren(sirenOf(siret))).toEqual({ ok: true, value: siren });
  });
});

describe('checkSiren', () => {
  it.each`
    raw                     | value
    ${'732829320'}          | ${'732829320'}
    ${'842716409'}          | ${'842716409'}
    ${'356000000'}          | ${'356000000'}
    ${'054209317'}          | ${'054209317'}
    ${'732 829 320'}        | ${'732829320'}
    ${'732.829.320'}        | ${'732829320'}
    ${'732\u00a0829\u00a0320'} | ${'732829320'}
    ${'  842716409 '}       | ${'842716409'}
  `('accepts "$raw" as $value', ({ raw, value }: { raw: string; value: string }) => {
    expect(checkSiren(raw)).toEqual({ ok: true, value });
  });

  it.each<[string, IdentifierErrorCode]>([
    ['', 'IDENTIFIER.EMPTY'],
    ['   ', 'IDENTIFIER.EMPTY'],
    ['\t', 'IDENTIFIER.EMPTY'],
    ['73282932A', 'IDENTIFIER.NOT_DIGITS'],
    ['732-829-320', 'IDENTIFIER.NOT_DIGITS'],
    ['SIREN', 'IDENTIFIER.NOT_DIGITS'],
    ['7.3282932E+08', 'IDENTIFIER.SCIENTIFIC_NOTATION'],
    ['8,42716409E+08', 'IDENTIFIER.SCIENTIFIC_NOTATION'],
    ['12345', 'IDENTIFIER.WRONG_LENGTH'],
    ['7328293200', 'IDENTIFIER.WRONG_LENGTH'],
    ['73282932000074', 'IDENTIFIER.WRONG_LENGTH'],
    ['732829321', 'IDENTIFIER.CHECKSUM'],
    ['842716408', 'IDENTIFIER.CHECKSUM'],
    ['732 829 321', 'IDENTIFIER.CHECKSUM'],
  ])('rejects "%s" with %s', (raw, code) => {
    expectFailure(checkSiren(raw), code);
  });

  it.each`
    raw           | suggestion
    ${'54209317'} | ${'054209317'}
    ${'12345678'} | ${'012345678'}
  `('8 digits "$raw" → LEADING_ZERO_LOST suggesting $suggestion', ({ raw, suggestion }: { raw: string; suggestion: string }) => {
    const message = expectFailure(checkSiren(raw), 'IDENTIFIER.LEADING_ZERO_LOST');
    expect(message).toContain(suggestion);
  });
});

describe('checkSiret', () => {
  it.each`
    raw                          | value
    ${'73282932000074'}          | ${'73282932000074'}
    ${'84271640900011'}          | ${'84271640900011'}
    ${'05420931700012'}          | ${'05420931700012'}
    ${'732 829 320 00074'}       | ${'73282932000074'}
    ${'842.716.409.00011'}       | ${'84271640900011'}
    ${'732\u00a0829\u00a0320\u00a000074'} | ${'73282932000074'}
    ${' 73282932000074 '}        | ${'73282932000074'}
  `('accepts "$raw" as $value', ({ raw, value }: { raw: string; value: string }) => {
    expect(checkSiret(raw)).toEqual({ ok: true, value });
  });

  it.each<[string, IdentifierErrorCode]>([
    ['', 'IDENTIFIER.EMPTY'],
    ['  ', 'IDENTIFIER.EMPTY'],
    ['7328293200007A', 'IDENTIFIER.NOT_DIGITS'],
    ['732-829-320-00074', 'IDENTIFIER.NOT_DIGITS'],
    ['#N/A', 'IDENTIFIER.NOT_DIGITS'],
    ['7.32829320000740E+13', 'IDENTIFIER.SCIENTIFIC_NOTATION'],
    ['1.2345E+13', 'IDENTIFIER.SCIENTIFIC_NOTATION'],
    ['1,2345E+13', 'IDENTIFIER.SCIENTIFIC_NOTATION'],
    ['8.4271640900011e+13', 'IDENTIFIER.SCIENTIFIC_NOTATION'],
    ['7E13', 'IDENTIFIER.SCIENTIFIC_NOTATION'],
    [' 1.2345E+13 ', 'IDENTIFIER.SCIENTIFIC_NOTATION'],
    ['732829320', 'IDENTIFIER.WRONG_LENGTH'],
    ['732829320000', 'IDENTIFIER.WRONG_LENGTH'],
    ['732829320000740', 'IDENTIFIER.WRONG_LENGTH'],
    ['73282932000075', 'IDENTIFIER.CHECKSUM'],
    ['84271640900012', 'IDENTIFIER.CHECKSUM'],
    ['73282932000047', 'IDENTIFIER.CHECKSUM'],
  ])('rejects "%s" with %s', (raw, code) => {
    expectFailure(checkSiret(raw), code);
  });

  it.each`
    raw                | suggestion
    ${'5420931700012'} | ${'05420931700012'}
    ${'7328293200007'} | ${'07328293200007'}
  `('13 digits "$raw" → LEADING_ZERO_LOST suggesting $suggestion', ({ raw, suggestion }: { raw: string; suggestion: string }) => {
    const message = expectFailure(checkSiret(raw), 'IDENTIFIER.LEADING_ZERO_LOST');
    expect(message).toContain(suggestion);
  });

  it.each(['7.32829320000740E+13', '1.2345E+13'])('the scientific-notation message quotes "%s"', (raw) => {
    const message = expectFailure(checkSiret(raw), 'IDENTIFIER.SCIENTIFIC_NOTATION');
    expect(message).toContain(raw);
  });
});

describe('checkSiret — La Poste (SIREN 356000000)', () => {
  it('uses the constants of DOMAIN.md', () => {
    expect(LA_POSTE_SIREN).toBe('356000000');
    expect(LA_POSTE_HEAD_OFFICE_SIRET).toBe('35600000000048');
  });

  it('the head office follows Luhn (its digit sum, 26, is not a multiple of 5)', () => {
    expect(luhnValid('35600000000048')).toBe(true);
    expect(digitSum('35600000000048') % 5).not.toBe(0);
    expect(checkSiret('35600000000048')).toEqual({ ok: true, value: '35600000000048' });
    expect(checkSiret('356 000 000 00048')).toEqual({ ok: true, value: '35600000000048' });
  });

  // Digit sum a multiple of 5 and Luhn fails: only the exception makes them valid.
  it.each`
    siret               | sum
    ${'35600000000970'} | ${30}
    ${'35600000001843'} | ${30}
    ${'35600000002522'} | ${25}
    ${'35600000002716'} | ${30}
    ${'35600000003201'} | ${20}
  `('$siret (digit sum $sum, fails Luhn) is valid', ({ siret, sum }: { siret: string; sum: number }) => {
    expect(digitSum(siret)).toBe(sum);
    expect(sum % 5).toBe(0);
    expect(luhnValid(siret)).toBe(false);
    expect(checkSiret(siret)).toEqual({ ok: true, value: siret });
  });

  it.each`
    siret               | sum   | luhn
    ${'35600000000142'} | ${21} | ${false}
    ${'35600000000049'} | ${27} | ${false}
    ${'35600000000000'} | ${14} | ${false}
    ${'35600000000212'} | ${19} | ${true}
    ${'35600000001590'} | ${29} | ${true}
  `('$siret (digit sum $sum, Luhn $luhn) → IDENTIFIER.CHECKSUM', ({ siret, sum, luhn }: { siret: string; sum: number; luhn: boolean }) => {
    expect(digitSum(siret)).toBe(sum);
    expect(sum % 5).not.toBe(0);
    expect(luhnValid(siret)).toBe(luhn);
    expectFailure(checkSiret(siret), 'IDENTIFIER.CHECKSUM');
  });

  it('the exception applies to La Poste only: another SIREN with a digit sum multiple of 5 must pass Luhn', () => {
    // 73282932000040: digit sum 40, Luhn fails.
    expect(digitSum('73282932000040')).toBe(40);
    expect(luhnValid('73282932000040')).toBe(false);
    expectFailure(checkSiret('73282932000040'), 'IDENTIFIER.CHECKSUM');
  });
});

describe('error codes', () => {
  const oneOfEach: Array<[IdentifierErrorCode, () => IdentifierCheck]> = [
    ['IDENTIFIER.EMPTY', () => checkSiret('')],
    ['IDENTIFIER.NOT_DIGITS', () => checkSiret('7328293200007A')],
    ['IDENTIFIER.SCIENTIFIC_NOTATION', () => checkSiret('1.2345E+13')],
    ['IDENTIFIER.LEADING_ZERO_LOST', () => checkSiret('5420931700012')],
    ['IDENTIFIER.WRONG_LENGTH', () => checkSiret('732829320000')],
    ['IDENTIFIER.CHECKSUM', () => checkSiret('73282932000075')],
  ];

  it.each(oneOfEach)('%s is produced', (code, run) => {
    expectFailure(run(), code);
  });

  it('six distinct codes with six distinct messages', () => {
    const results = oneOfEach.map(([, run]) => run());
    const codes = results.map((r) => (r.ok ? 'ok' : r.code));
    const messages = results.map((r) => (r.ok ? 'ok' : r.message));
    expect(new Set(codes).size).toBe(6);
    expect(new Set(messages).size).toBe(6);
    expect(codes).toEqual(oneOfEach.map(([code]) => code));
  });
});
