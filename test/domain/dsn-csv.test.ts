import { checkSiret } from '../../domain/identifiers/identifiers.rules';
import { readCsv, type CsvEntry } from '../../domain/dsn/dsn-csv.reader';
import { detectDelimiter, looksLikeNir, matchHeader, readHeader, textDamage, valuesOf, type Check } from '../../domain/dsn/dsn-csv.rules';
import { importOutcome, REJECTIONS_LISTED } from '../../domain/dsn/dsn-import.service';
import { checkFilingLine, checkRelationLine, FILING_LAYOUT, RELATION_LAYOUT, type FilingColumn, type RelationColumn } from '../../domain/dsn/dsn-lines.rules';

const ACCOUNT = '0f8fad5b-d9cb-469f-a165-70867728950e';
const messageOf = (raw: string) => {
  const check = checkSiret(raw);
  if (check.ok) throw new Error(`${raw} is valid`);
  return check.message;
};
const reasonOf = <T>(check: Check<T>) => (check.ok ? null : check.reason);

describe('detectDelimiter', () => {
  it.each`
    header                                                          | delimiter
    ${'declaringSiret;declaredSiret;period;filedAt'}                | ${';'}
    ${'declaringSiret,declaredSiret,period,filedAt'}                | ${','}
    ${'employerSiret;employeeId;startDate;endDate'}                 | ${';'}
    ${'"a,b";c;d'}                                                  | ${';'}
    ${'single'}                                                     | ${';'}
  `('$header → $delimiter', ({ header, delimiter }: { header: string; delimiter: string }) => {
    expect(detectDelimiter(header)).toBe(delimiter);
  });
});

describe('readHeader', () => {
  it('finds columns whatever their accents', () => {
    expect(readHeader({ columns: ['région'], optional: [] }, ['REGION'])).toEqual({ ok: true, value: { width: 1, positions: { région: 0 } } });
  });

  it('finds columns by name, whatever the order, case or underscores', () => {
    const header = readHeader(FILING_LAYOUT, ['Declared_Siret', 'DECLARINGSIRET', 'filed_at', 'period', 'comment']);
    expect(header).toEqual({ ok: true, value: { width: 5, positions: { declaredSiret: 0, declaringSiret: 1, filedAt: 2, period: 3 } } });
  });

  const layouts = { filing: FILING_LAYOUT, relation: RELATION_LAYOUT };
  it.each`
    layout        | fields                                                           | reason
    ${'filing'}   | ${['declaringSiret', 'declaredSiret', 'period']}                 | ${'colonne manquante : filedAt'}
    ${'relation'} | ${['employerSiret', 'startDate']}                                | ${'colonne manquante : employeeId'}
    ${'relation'} | ${['siret', 'x']}                                                | ${'colonnes manquantes : employerSiret, employeeId, startDate'}
    ${'relation'} | ${['employerSiret', 'employeeId', 'startDate', 'employee_id']}   | ${'colonne « employeeId » présente deux fois'}
  `('refuses $layout header $fields: $reason', ({ layout, fields, reason }: { layout: keyof typeof layouts; fields: string[]; reason: string }) => {
    expect(reasonOf(readHeader<string>(layouts[layout], fields))).toBe(reason);
  });
});

describe('matchHeader', () => {
  const layout = { columns: ['SIRET', 'SIRET déclarant', 'Prénom', 'MCF'], optional: ['MCF'] } as const;

  it('matches names without case, accents, spaces or punctuation, and lists the fields naming no column', () => {
    expect(matchHeader(layout, ['siret', 'Siret_Declarant', 'PRENOM', 'Commentaire', ''])).toEqual({
      positions: { SIRET: 0, 'SIRET déclarant': 1, Prénom: 2 },
      duplicated: [],
      missing: [],
      unknown: [3, 4],
    });
  });

  it('lists the columns named twice and the required ones missing', () => {
    expect(matchHeader(layout, ['SIRET', 'mcf', 'M.C.F.'])).toEqual({
      positions: { SIRET: 0, MCF: 1 },
      duplicated: ['MCF'],
      missing: ['SIRET déclarant', 'Prénom'],
      unknown: [],
    });
  });
});

describe('textDamage', () => {
  it.each`
    text                        | damage
    ${'Élodie'}                 | ${null}
    ${'N’Diaye'}                | ${null}
    ${'Â'}                      | ${null}
    ${'a\u0000b'}               | ${{ kind: 'CONTROL_CHARACTER', codePoint: 'U+0000' }}
    ${'tab\there'}              | ${{ kind: 'CONTROL_CHARACTER', codePoint: 'U+0009' }}
    ${'\u0081'}                 | ${{ kind: 'CONTROL_CHARACTER', codePoint: 'U+0081' }}
    ${'Dupont\ufffd'}           | ${{ kind: 'UNREADABLE_BYTES' }}
    ${'Ã‰lodie'}                | ${{ kind: 'MIXED_ENCODING' }}
    ${'HÃ©lÃ¨ne'}               | ${{ kind: 'MIXED_ENCODING' }}
    ${'Ã\u0081lvaro'}           | ${{ kind: 'MIXED_ENCODING' }}
    ${'N\u00e2\u20ac\u2122Diaye'} | ${{ kind: 'MIXED_ENCODING' }}
  `('$text → $damage', ({ text, damage }: { text: string; damage: object | null }) => {
    expect(textDamage(text)).toEqual(damage);
  });
});

describe('valuesOf', () => {
  const header = { width: 4, positions: { employerSiret: 0, employeeId: 1, startDate: 2, endDate: 3 } };

  it('maps values to columns; missing trailing values are empty, empty extra ones ignored', () => {
    expect(valuesOf(RELATION_LAYOUT, header, ['a', 'b', 'c'])).toEqual({ ok: true, value: { employerSiret: 'a', employeeId: 'b', startDate: 'c', endDate: '' } });
    expect(valuesOf(RELATION_LAYOUT, header, ['a', 'b', 'c', 'd', '', ''])).toMatchObject({ ok: true });
  });

  it('refuses more values than columns (a wrong separator)', () => {
    expect(reasonOf(valuesOf(RELATION_LAYOUT, header, ['a', 'b', 'c', 'd', 'e']))).toBe(
      '5 valeurs pour 4 colonnes d’en-tête : vérifiez le séparateur (; ou ,).',
    );
  });
});

describe('checkFilingLine', () => {
  const good: Record<FilingColumn, string> = {
    declaringSiret: '84271640900011',
    declaredSiret: '53210987300010',
    period: '2026-01',
    filedAt: '2026-02-05T09:30:00+01:00',
    declaringAccountId: ACCOUNT.toUpperCase(),
  };

  it('accepts a good line: period as its first day, filedAt as an ISO instant, account id lowercased', () => {
    expect(checkFilingLine(good)).toEqual({
      ok: true,
      value: { declaringSiret: '84271640900011', declaredSiret: '53210987300010', period: '2026-01-01', filedAt: '2026-02-05T08:30:00.000Z', declaringAccountId: ACCOUNT },
    });
  });

  it.each`
    field                   | value                         | expected
    ${'declaringAccountId'} | ${''}                         | ${{ declaringAccountId: null }}
    ${'filedAt'}            | ${'2026-02-05'}               | ${{ filedAt: '2026-02-05T00:00:00.000Z' }}
    ${'filedAt'}            | ${'05/02/2026'}               | ${{ filedAt: '2026-02-05T00:00:00.000Z' }}
    ${'filedAt'}            | ${'2026-02-05T10:00Z'}        | ${{ filedAt: '2026-02-05T10:00:00.000Z' }}
    ${'filedAt'}            | ${'2026-01-01'}               | ${{ filedAt: '2026-01-01T00:00:00.000Z' }}
    ${'declaredSiret'}      | ${'532 109 873 00010'}        | ${{ declaredSiret: '53210987300010' }}
  `('accepts $field = "$value"', ({ field, value, expected }: { field: FilingColumn; value: string; expected: object }) => {
    const check = checkFilingLine({ ...good, [field]: value });
    expect(check).toMatchObject({ ok: true, value: expected });
  });

  it.each`
    field                   | value                           | reason
    ${'declaringSiret'}     | ${'84271640900012'}             | ${`declaringSiret : ${messageOf('84271640900012')}`}
    ${'declaredSiret'}      | ${'5321098730001'}              | ${`declaredSiret : ${messageOf('5321098730001')}`}
    ${'declaredSiret'}      | ${'5,32109873E+13'}             | ${`declaredSiret : ${messageOf('5,32109873E+13')}`}
    ${'declaredSiret'}      | ${''}                           | ${`declaredSiret : ${messageOf('')}`}
    ${'period'}             | ${'2026-13'}                    | ${'period : période « 2026-13 » invalide : mois AAAA-MM attendu (ex. 2026-01) ; formatez la colonne en texte.'}
    ${'period'}             | ${'01/2026'}                    | ${'period : période « 01/2026 » invalide : mois AAAA-MM attendu (ex. 2026-01) ; formatez la colonne en texte.'}
    ${'period'}             | ${''}                           | ${'period : période manquante.'}
    ${'filedAt'}            | ${'2026-02-30'}                 | ${'filedAt : date « 2026-02-30 » invalide : AAAA-MM-JJ ou JJ/MM/AAAA attendu.'}
    ${'filedAt'}            | ${'2026-02-05T10:00:00'}        | ${'filedAt : horodatage « 2026-02-05T10:00:00 » invalide : AAAA-MM-JJ ou AAAA-MM-JJTHH:MM:SS avec fuseau (Z, +01:00).'}
    ${'filedAt'}            | ${'2026-02-05T25:00:00Z'}       | ${'filedAt : horodatage « 2026-02-05T25:00:00Z » invalide : AAAA-MM-JJ ou AAAA-MM-JJTHH:MM:SS avec fuseau (Z, +01:00).'}
    ${'filedAt'}            | ${'2025-12-31'}                 | ${'filedAt : le dépôt (2025-12-31) précède le mois déclaré (2026-01).'}
    ${'declaringAccountId'} | ${'42'}                         | ${'declaringAccountId : identifiant de compte « 42 » invalide : UUID attendu.'}
  `('refuses $field = "$value"', ({ field, value, reason }: { field: FilingColumn; value: string; reason: string }) => {
    expect(reasonOf(checkFilingLine({ ...good, [field]: value }))).toBe(reason);
  });

  it('reports every wrong value of a line at once', () => {
    const reason = reasonOf(checkFilingLine({ ...good, declaringSiret: '1', period: 'janv-26' }));
    expect(reason).toBe(`declaringSiret : ${messageOf('1')} ; period : période « janv-26 » invalide : mois AAAA-MM attendu (ex. 2026-01) ; formatez la colonne en texte.`);
  });
});

describe('checkRelationLine', () => {
  const good: Record<RelationColumn, string> = { employerSiret: '84271640900011', employeeId: 'SAL-7K2Q9X', startDate: '2024-09-01', endDate: '' };

  it('accepts a pseudonymous employee, with or without an end date', () => {
    expect(checkRelationLine(good)).toEqual({ ok: true, value: { ...good, endDate: null } });
    expect(checkRelationLine({ ...good, endDate: '31/12/2025' })).toMatchObject({ ok: true, value: { endDate: '2025-12-31' } });
    expect(checkRelationLine({ ...good, employeeId: 'a3f1c2d4e5b60718293a4b5c6d7e8f90a3f1c2d4e5b60718293a4b5c6d7e8f90' })).toMatchObject({ ok: true });
  });

  const NIR_REASON = 'employeeId : ressemble à un NIR (numéro de sécurité sociale) : seul un identifiant pseudonyme est accepté, jamais un NIR en clair.';
  it.each`
    field              | value                          | reason
    ${'employeeId'}    | ${'1850578006048'}             | ${NIR_REASON}
    ${'employeeId'}    | ${'185057800604836'}           | ${NIR_REASON}
    ${'employeeId'}    | ${'1 85 05 78 006 048 36'}     | ${NIR_REASON}
    ${'employeeId'}    | ${'2 69 05 2A 135 246 12'}     | ${NIR_REASON}
    ${'employeeId'}    | ${''}                          | ${'employeeId : identifiant de salarié manquant.'}
    ${'employeeId'}    | ${'x'.repeat(65)}              | ${'employeeId : identifiant de salarié trop long (65 caractères, 64 au plus).'}
    ${'employeeId'}    | ${'Jean Dupont'}               | ${'employeeId : identifiant de salarié : lettres, chiffres et . _ : + / = - seulement.'}
    ${'employerSiret'} | ${'8427164090001'}             | ${`employerSiret : ${messageOf('8427164090001')}`}
    ${'startDate'}     | ${'2024-9-1'}                  | ${'startDate : date « 2024-9-1 » invalide : AAAA-MM-JJ ou JJ/MM/AAAA attendu.'}
    ${'startDate'}     | ${''}                          | ${'startDate : date manquante.'}
    ${'endDate'}       | ${'2024-08-31'}                | ${'endDate : la fin (2024-08-31) précède le début (2024-09-01).'}
  `('refuses $field = "$value"', ({ field, value, reason }: { field: RelationColumn; value: string; reason: string }) => {
    expect(reasonOf(checkRelationLine({ ...good, [field]: value }))).toBe(reason);
  });

  it.each(['1850578006048', '185057800604836', '185-05-78-006-048', '1.85.05.2B.006.048.36'])('%s looks like a NIR', (value) => {
    expect(looksLikeNir(value)).toBe(true);
  });

  it.each(['84271640900011', '18505780060', 'SAL-1850578006048', '1850578006048X'])('%s does not', (value) => {
    expect(looksLikeNir(value)).toBe(false);
  });
});

describe('importOutcome', () => {
  it.each`
    valid | imported | updated | rejectedCount | outcome      | message
    ${3}  | ${2}     | ${0}    | ${0}          | ${'OK'}      | ${'Import complet : 3 lignes valides appliquées (2 nouvelles, 1 déjà présente).'}
    ${2}  | ${0}     | ${1}    | ${0}          | ${'OK'}      | ${'Import complet : 2 lignes valides appliquées (0 nouvelle, 1 mise à jour, 1 déjà présente).'}
    ${4}  | ${4}     | ${0}    | ${1}          | ${'PARTIAL'} | ${'Import partiel : 4 lignes valides appliquées (4 nouvelles, 0 déjà présente) ; 1 ligne rejetée (motif par ligne dans « rejected »), à corriger puis à renvoyer seules.'}
    ${0}  | ${0}     | ${0}    | ${2}          | ${'KO'}      | ${'Rien n’a été appliqué : 2 lignes rejetées (motif par ligne dans « rejected »).'}
    ${0}  | ${0}     | ${0}    | ${1500}       | ${'KO'}      | ${`Rien n’a été appliqué : 1500 lignes rejetées (motif par ligne dans « rejected », les ${REJECTIONS_LISTED} premières listées).`}
    ${0}  | ${0}     | ${0}    | ${0}          | ${'KO'}      | ${'Aucune ligne de données après l’en-tête : rien n’a été appliqué.'}
  `('$valid valid ($imported new, $updated updated), $rejectedCount rejected → $outcome', ({ valid, imported, updated, rejectedCount, outcome, message }) => {
    expect(importOutcome({ valid, imported, updated, rejectedCount })).toEqual({ outcome, message });
  });
});

describe('readCsv', () => {
  async function entries(...chunks: Array<string | Buffer>): Promise<CsvEntry[]> {
    const out: CsvEntry[] = [];
    for await (const entry of readCsv((async function* () {
      for (const c of chunks) yield Buffer.isBuffer(c) ? c : Buffer.from(c, 'utf8');
    })())) out.push(entry);
    return out;
  }

  it('reads ; files with file line numbers, skipping blank lines', async () => {
    expect(await entries('a;b\r\n1;2\r\n\r\n 3 ; 4 \r\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 4, fields: ['3', '4'] },
    ]);
  });

  it('reads , files with a UTF-8 BOM, and characters split across chunks', async () => {
    const bytes = Buffer.from('\ufeffa,b\nÉté,"x;y"\n', 'utf8');
    const cut = bytes.indexOf(0xc3) + 1;
    expect(await entries(bytes.subarray(0, cut), bytes.subarray(cut))).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['Été', 'x;y'] },
    ]);
  });

  it('reads Windows-1252 when the bytes are not UTF-8', async () => {
    expect(await entries(Buffer.from([0x61, 0x3b, 0x62, 0x0a, 0xc9, 0x74, 0xe9, 0x3b, 0x80, 0x0a]))).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['Été', '€'] },
    ]);
  });

  it('tells the encoding by the first bytes that are not ASCII, not by an ASCII head', async () => {
    expect(await entries('a;b\n1;2\n', Buffer.from([0xc9, 0x74, 0xe9, 0x3b, 0x80, 0x0a]), Buffer.from('3;4\n'))).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 3, fields: ['Été', '€'] },
      { line: 4, fields: ['3', '4'] },
    ]);
  });

  it('reads Windows-1252 bytes after UTF-8 text, in the same chunk, as U+FFFD for the line rules to report', async () => {
    expect(await entries(Buffer.concat([Buffer.from('a;Prénom\n'), Buffer.from([0x31, 0x3b, 0xe9, 0x0a])]))).toEqual([
      { line: 1, fields: ['a', 'Prénom'] },
      { line: 2, fields: ['1', '\ufffd'] },
    ]);
  });

  it('unquotes quoted values and keeps stray quotes as text (the line rules then refuse them)', async () => {
    expect(await entries('a;b\n"84271640900011";"x;y"\n12"3;"4"5\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['84271640900011', 'x;y'] },
      { line: 3, fields: ['12"3', '"4"5'] },
    ]);
  });

  it('reports a quote never closed, after the lines read before it', async () => {
    expect(await entries('a;b\n1;2\n3;"4\n5;6\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 3, unreadable: 'ligne illisible : guillemet ouvert jamais fermé jusqu’à la fin du fichier.', code: 'QUOTE_NOT_CLOSED' },
    ]);
  });

  it('stops at an endless line instead of holding it in memory, and says so', async () => {
    expect(await entries('a;b\n1;2\n', 'x'.repeat(70_000), ';1\n3;4\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      {
        line: 3,
        unreadable: 'ligne de plus de 65536 caractères (guillemet jamais fermé ?) : lecture arrêtée, les lignes suivantes n’ont pas été lues.',
        code: 'RECORD_TOO_LONG',
      },
    ]);
  });

  it('reads nothing from an empty body', async () => {
    expect(await entries()).toEqual([]);
  });
});
