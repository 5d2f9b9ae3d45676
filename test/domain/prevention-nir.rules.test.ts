import { checkNir, maskNir, type NirCheck, type NirErrorCode } from '../../domain/prevention/nir.rules';

/** The key of a NIR's 13 first characters, written here independently of the rule: 97 − (n mod 97), 2A → 19, 2B → 18. */
const keyOf = (body: string): string => {
  const n = BigInt(body.replace(/^(.{5})2A/, '$119').replace(/^(.{5})2B/, '$118'));
  return String(97n - (n % 97n)).padStart(2, '0');
};
const withKey = (body: string): string => body + keyOf(body);

function expectFailure(check: NirCheck, code: NirErrorCode): void {
  expect(check).toEqual({ ok: false, code, message: expect.any(String) });
  if (check.ok) throw new Error('unreachable');
  expect(check.message.length).toBeGreaterThan(0);
}

describe('checkNir', () => {
  it('accepts the hand-computed key: 1850578006084 mod 97 = 6, key 97 − 6 = 91', () => {
    expect(keyOf('1850578006084')).toBe('91');
    expect(checkNir('185057800608491')).toEqual({ ok: true, value: '185057800608491' });
  });

  it('writes a one-digit key with its zero (…6084 mod 97 = 6, so …6069 mod 97 = 88, key 09) and accepts key 97', () => {
    expect(checkNir('185057800606909')).toEqual({ ok: true, value: '185057800606909' });
    expectFailure(checkNir('18505780060699'), 'PREVENTION.NIR_LENGTH');
    expect(checkNir('185052B00401297')).toEqual({ ok: true, value: '185052B00401297' });
  });

  it.each`
    body               | what
    ${'1850578006084'} | ${'a man born in May 1985'}
    ${'2930375112345'} | ${'a woman born in Paris'}
    ${'1991299123001'} | ${'born abroad (99)'}
    ${'3850578006084'} | ${'a provisional number (3)'}
    ${'4850578006084'} | ${'a provisional number (4)'}
    ${'7850578006084'} | ${'a provisional number (7)'}
    ${'8850578006084'} | ${'a provisional number (8)'}
    ${'1852078006084'} | ${'INSEE special month 20'}
    ${'1854278006084'} | ${'INSEE special month 42'}
    ${'1855078006084'} | ${'INSEE special month 50'}
    ${'1859978006084'} | ${'INSEE special month 99'}
    ${'1850578006069'} | ${'a one-digit key, written 09'}
    ${'185052B004012'} | ${'key 97 (n mod 97 = 0)'}
  `('accepts $body + its key ($what)', ({ body }: { body: string }) => {
    const nir = withKey(body);
    expect(checkNir(nir)).toEqual({ ok: true, value: nir });
  });

  it.each`
    raw                                | value
    ${'1 85 05 78 006 084 91'}         | ${'185057800608491'}
    ${'1.85.05.78.006.084.91'}         | ${'185057800608491'}
    ${'1-85-05-78-006-084-91'}         | ${'185057800608491'}
    ${' 185057800608491 '}             | ${'185057800608491'}
    ${'1\u00a085\u00a005 78006 08491'} | ${'185057800608491'}
    ${'1 85 05 2a 004 012 70'}         | ${'185052A00401270'}
  `('ignores separators and case: "$raw" → $value', ({ raw, value }: { raw: string; value: string }) => {
    expect(checkNir(raw)).toEqual({ ok: true, value });
  });

  describe('Corsica', () => {
    it('computes 2A as 19 and 2B as 18 (hand-checked: 1850519004012 mod 97 = 27, key 70)', () => {
      expect(keyOf('185052A004012')).toBe('70');
      expect(checkNir('185052A00401270')).toEqual({ ok: true, value: '185052A00401270' });
    });

    it.each`
      body               | as20               | value
      ${'185052A004012'} | ${'1850520004012'} | ${'2A'}
      ${'185052B004012'} | ${'1850520004012'} | ${'2B'}
      ${'292122A123456'} | ${'2921220123456'} | ${'2A'}
      ${'292122B123456'} | ${'2921220123456'} | ${'2B'}
    `('$body is valid with its key, refused with the key computed as if $value were 20', ({ body, as20 }: { body: string; as20: string }) => {
      expect(checkNir(withKey(body))).toEqual({ ok: true, value: withKey(body) });
      expect(checkNir(withKey(body).toLowerCase())).toEqual({ ok: true, value: withKey(body) });
      const wrongKey = keyOf(as20);
      expect(wrongKey).not.toBe(keyOf(body));
      expectFailure(checkNir(body + wrongKey), 'PREVENTION.NIR_KEY');
    });

    it('refuses a 2B number carrying the 2A key', () => {
      expectFailure(checkNir(`185052B004012${keyOf('185052A004012')}`), 'PREVENTION.NIR_KEY');
    });
  });

  it.each`
    raw                   | code                       | why
    ${''}                 | ${'PREVENTION.NIR_LENGTH'} | ${'empty'}
    ${'18505780060849'}   | ${'PREVENTION.NIR_LENGTH'} | ${'14 characters'}
    ${'1850578006084911'} | ${'PREVENTION.NIR_LENGTH'} | ${'16 characters'}
    ${'1850578006084'}    | ${'PREVENTION.NIR_LENGTH'} | ${'no key'}
    ${'A85057800608491'}  | ${'PREVENTION.NIR_FORMAT'} | ${'a letter for the sex'}
    ${'18A057800608491'}  | ${'PREVENTION.NIR_FORMAT'} | ${'a letter in the year'}
    ${'185057800A08491'}  | ${'PREVENTION.NIR_FORMAT'} | ${'a letter in the commune'}
    ${'18505780060849A'}  | ${'PREVENTION.NIR_FORMAT'} | ${'a letter in the key'}
    ${'185052C00401270'}  | ${'PREVENTION.NIR_FORMAT'} | ${'2C is no département'}
    ${'18505A200401270'}  | ${'PREVENTION.NIR_FORMAT'} | ${'A2 is no département'}
    ${'585057800608491'}  | ${'PREVENTION.NIR_FORMAT'} | ${'sex 5'}
    ${'085057800608491'}  | ${'PREVENTION.NIR_FORMAT'} | ${'sex 0'}
    ${'185137800608491'}  | ${'PREVENTION.NIR_FORMAT'} | ${'month 13'}
    ${'185007800608491'}  | ${'PREVENTION.NIR_FORMAT'} | ${'month 00'}
    ${'185197800608491'}  | ${'PREVENTION.NIR_FORMAT'} | ${'month 19'}
    ${'185437800608491'}  | ${'PREVENTION.NIR_FORMAT'} | ${'month 43'}
    ${'185497800608491'}  | ${'PREVENTION.NIR_FORMAT'} | ${'month 49'}
    ${'185057800608400'}  | ${'PREVENTION.NIR_KEY'}    | ${'key 00'}
    ${'185057800608498'}  | ${'PREVENTION.NIR_KEY'}    | ${'key 98'}
    ${'185057800608499'}  | ${'PREVENTION.NIR_KEY'}    | ${'key 99'}
    ${'185057800608490'}  | ${'PREVENTION.NIR_KEY'}    | ${'key off by one'}
    ${'185057800608436'}  | ${'PREVENTION.NIR_KEY'}    | ${'the masking example, whose key is not 36'}
    ${'185057800609491'}  | ${'PREVENTION.NIR_KEY'}    | ${'one digit of the body changed'}
  `('refuses $raw with $code ($why)', ({ raw, code }: { raw: string; code: NirErrorCode }) => {
    expectFailure(checkNir(raw), code);
  });

  it('says in French what is wrong', () => {
    expect(checkNir('18505780060849')).toEqual({ ok: false, code: 'PREVENTION.NIR_LENGTH', message: 'Un NIR compte 15 caractères, clé comprise (reçu : 14).' });
    expect(checkNir('185057800608490')).toEqual({
      ok: false,
      code: 'PREVENTION.NIR_KEY',
      message: 'NIR invalide : la clé de contrôle ne correspond pas (vérifiez chaque chiffre).',
    });
  });
});

describe('maskNir', () => {
  it.each`
    nir                        | masked
    ${'185057800608436'}       | ${'1 85 •• •• ••• ••• ••'}
    ${'185057800608491'}       | ${'1 85 •• •• ••• ••• ••'}
    ${'293037511234512'}       | ${'2 93 •• •• ••• ••• ••'}
    ${'185052A00401270'}       | ${'1 85 •• •• ••• ••• ••'}
    ${'7 01 12 99 123 001 55'} | ${'7 01 •• •• ••• ••• ••'}
    ${'18505'}                 | ${'• •• •• •• ••• ••• ••'}
    ${''}                      | ${'• •• •• •• ••• ••• ••'}
  `('masks "$nir" as "$masked"', ({ nir, masked }: { nir: string; masked: string }) => {
    expect(maskNir(nir)).toBe(masked);
  });

  it('shows nothing of the département, commune, order or key', () => {
    const masked = maskNir('185052A00401270');
    for (const part of ['05', '2A', '004', '012', '70']) expect(masked).not.toContain(part);
  });
});
