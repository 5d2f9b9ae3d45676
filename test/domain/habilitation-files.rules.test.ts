import { cellText, readCell } from '../../domain/habilitation-files/cell-rights.rules';
import { planCsv } from '../../domain/habilitation-files/file-plan';
import { FILE_CODES, reasonMessage } from '../../domain/habilitation-files/habilitation-file.reasons';
import { HabilitationsFilePlan } from '../../domain/habilitation-files/habilitations-file.plan';
import { habilitationsFileHeader, habilitationsFileLine } from '../../domain/habilitation-files/habilitations-file.writer';
import { planOutcome } from '../../domain/habilitation-files/plan-outcome.rules';
import { DEFAULT_RIGHTS, type CellRights } from '../../domain/habilitation-files/planned-change';
import { portfolioIndex } from '../../domain/habilitation-files/portfolio-index';
import { quarantineOf, QUARANTINE_REMOVAL_SHARE } from '../../domain/habilitation-files/quarantine.rules';
import { nameCell, siretCell } from '../../domain/habilitation-files/spreadsheet-cells.rules';
import { facts, rights, S0, S1, SERVICES } from '../fixtures/habilitation-files/portfolio';

describe('readCell', () => {
  it.each`
    raw        | value
    ${''}      | ${{ action: 'KEEP' }}
    ${' '}     | ${{ action: 'KEEP' }}
    ${'0'}     | ${{ action: 'REVOKE' }}
    ${'1'}     | ${{ action: 'GRANT', rights: DEFAULT_RIGHTS }}
    ${'D'}     | ${{ action: 'GRANT', rights: rights('D') }}
    ${'c'}     | ${{ action: 'GRANT', rights: rights('C') }}
    ${'DC'}    | ${{ action: 'GRANT', rights: DEFAULT_RIGHTS }}
    ${'CD'}    | ${{ action: 'GRANT', rights: DEFAULT_RIGHTS }}
    ${'pd'}    | ${{ action: 'GRANT', rights: rights('DP') }}
    ${'DPC'}   | ${{ action: 'GRANT', rights: rights('DPC') }}
    ${'C P D'} | ${{ action: 'GRANT', rights: rights('DPC') }}
    ${'2'}     | ${null}
    ${'01'}    | ${null}
    ${'DD'}    | ${null}
    ${'DPCD'}  | ${null}
    ${'X'}     | ${null}
    ${'D,C'}   | ${null}
    ${'oui'}   | ${null}
    ${'-1'}    | ${null}
  `('"$raw" → $value', ({ raw, value }: { raw: string; value: object | null }) => {
    expect(readCell(raw)).toEqual(value);
  });
});

describe('cellText', () => {
  it.each`
    letters  | text
    ${'DC'}  | ${'1'}
    ${'D'}   | ${'D'}
    ${'C'}   | ${'C'}
    ${'P'}   | ${'P'}
    ${'DP'}  | ${'DP'}
    ${'PC'}  | ${'PC'}
    ${'DPC'} | ${'DPC'}
  `('$letters → "$text", read back as the same rights', ({ letters, text }: { letters: string; text: string }) => {
    expect(cellText(rights(letters))).toBe(text);
    expect(readCell(text)).toEqual({ action: 'GRANT', rights: rights(letters) });
  });

  it('writes nothing where there is no habilitation', () => {
    expect(cellText(undefined)).toBe('');
  });
});

describe('siretCell and nameCell', () => {
  it.each`
    raw                         | read
    ${S1}                       | ${{ ok: true, value: S1 }}
    ${`="${S0}"`}               | ${{ ok: true, value: S0 }}
    ${'842 716 409 00011'}      | ${{ ok: true, value: S1 }}
    ${'8,42716E+13'}            | ${{ ok: false, reason: { code: 'IDENTIFIER.SCIENTIFIC_NOTATION', params: { column: 'SIRET', value: '8,42716E+13' } } }}
    ${'1234567800010'}          | ${{ ok: false, reason: { code: 'IDENTIFIER.LEADING_ZERO_LOST', params: { column: 'SIRET', value: '1234567800010' } } }}
    ${'="1234567800010"'}       | ${{ ok: false, reason: { code: 'IDENTIFIER.LEADING_ZERO_LOST', params: { column: 'SIRET', value: '1234567800010' } } }}
    ${'8427164090001100000'}    | ${{ ok: false, reason: { code: 'IDENTIFIER.WRONG_LENGTH', params: { column: 'SIRET', value: '8427164090001100000' } } }}
  `('SIRET "$raw"', ({ raw, read }: { raw: string; read: object }) => {
    expect(siretCell('SIRET', raw)).toEqual(read);
  });

  it.each`
    raw          | read
    ${'Dupont'}  | ${{ ok: true, value: 'Dupont' }}
    ${"'=Dupont"} | ${{ ok: true, value: '=Dupont' }}
    ${"'Dupont"} | ${{ ok: true, value: "'Dupont" }}
    ${"N'Diaye"} | ${{ ok: true, value: "N'Diaye" }}
    ${''}        | ${{ ok: false, reason: { code: 'HABILITATION_FILE.VALUE_REQUIRED', params: { column: 'Nom' } } }}
  `('name "$raw"', ({ raw, read }: { raw: string; read: object }) => {
    expect(nameCell('Nom', raw)).toEqual(read);
  });
});

describe('the model file and the export', () => {
  it('writes the header French Excel opens: BOM, `;`, CRLF, the portfolio’s service codes as columns', () => {
    expect(habilitationsFileHeader(SERVICES)).toBe('\uFEFFSIRET;SIRET déclarant;Nom;Prénom;MCF;PEPS;SOLTEA_ETAB\r\n');
  });

  it('writes a line: SIRETs kept as text, `1` for the default rights, else letters, nothing where there is no habilitation', () => {
    const line = habilitationsFileLine(
      { siret: S0, declarant: { siret: S1, lastName: 'Dupont; Martin', firstName: '=Élodie' }, rights: new Map([['MCF', DEFAULT_RIGHTS], ['SOLTEA_ETAB', rights('PC')]]) },
      SERVICES,
    );
    expect(line).toBe(`"=""${S0}""";"=""${S1}""";"Dupont; Martin";'=Élodie;1;;PC\r\n`);
  });

  it('reads its own export back as « nothing to change »', async () => {
    const current = facts();
    const byRow = new Map<string, { siret: string; declarant: { siret: string; lastName: string; firstName: string }; rights: Map<string, CellRights> }>();
    const declarants = new Map([...current.declarants].map((d) => [d.accountId, d]));
    for (const h of current.habilitations) {
      const d = declarants.get(h.accountId);
      if (!d) continue;
      const row = byRow.get(`${h.accountId}|${h.siret}`) ?? { siret: h.siret, declarant: d, rights: new Map() };
      row.rights.set(h.serviceCode, h.rights);
      byRow.set(`${h.accountId}|${h.siret}`, row);
    }
    const file = habilitationsFileHeader(SERVICES) + [...byRow.values()].map((row) => habilitationsFileLine(row, SERVICES)).join('');
    const changes: unknown[] = [];
    const report = await planCsv((async function* () { yield Buffer.from(file, 'utf8'); })(), new HabilitationsFilePlan(portfolioIndex(current)), (r) => {
      changes.push(r);
    });
    expect(changes).toEqual([]);
    expect(report).toEqual({ counts: { linesRead: 4, rejected: 0, added: 0, removed: 0, changed: 0, unchanged: 4 }, refusal: null });
  });
});

describe('quarantineOf', () => {
  it.each`
    removed | current | threshold | required | share
    ${0}    | ${0}    | ${0.2}    | ${false} | ${0}
    ${3}    | ${0}    | ${0.2}    | ${false} | ${0}
    ${1}    | ${5}    | ${0.2}    | ${false} | ${0.2}
    ${3}    | ${15}   | ${0.2}    | ${false} | ${0.2}
    ${2}    | ${9}    | ${0.2}    | ${true}  | ${2 / 9}
    ${1}    | ${4}    | ${0.2}    | ${true}  | ${0.25}
    ${100}  | ${100}  | ${0.2}    | ${true}  | ${1}
    ${1}    | ${4}    | ${0.5}    | ${false} | ${0.25}
    ${1}    | ${1000} | ${0}      | ${true}  | ${0.001}
  `('$removed removed of $current, threshold $threshold → $required', ({ removed, current, threshold, required, share }) => {
    expect(quarantineOf(removed, current, threshold)).toEqual({ required, share });
  });

  it('defaults to DOMAIN.md’s 20 %', () => {
    expect(QUARANTINE_REMOVAL_SHARE).toBe(0.2);
    expect(quarantineOf(21, 100).required).toBe(true);
    expect(quarantineOf(20, 100).required).toBe(false);
  });
});

describe('planOutcome', () => {
  const counts = (linesRead: number, rejected: number) => ({ linesRead, rejected, added: 0, removed: 0, changed: 0, unchanged: 0 });
  const refusal = { code: FILE_CODES.headerUnknown, params: { columns: 'DNS' } };
  it.each`
    linesRead | rejected | refused    | outcome
    ${3}      | ${0}     | ${null}    | ${{ outcome: 'OK', reason: null }}
    ${0}      | ${0}     | ${null}    | ${{ outcome: 'OK', reason: null }}
    ${3}      | ${1}     | ${null}    | ${{ outcome: 'PARTIAL', reason: { code: 'HABILITATION_FILE.LINES_REJECTED', params: { rejected: 1, linesRead: 3 } } }}
    ${3}      | ${3}     | ${null}    | ${{ outcome: 'KO', reason: { code: 'HABILITATION_FILE.ALL_LINES_REJECTED', params: { rejected: 3 } } }}
    ${0}      | ${0}     | ${refusal} | ${{ outcome: 'KO', reason: refusal }}
    ${3}      | ${1}     | ${refusal} | ${{ outcome: 'KO', reason: refusal }}
  `('$linesRead read, $rejected rejected, refusal $refused → $outcome', ({ linesRead, rejected, refused, outcome }) => {
    expect(planOutcome({ counts: counts(linesRead, rejected), refusal: refused })).toEqual(outcome);
  });
});

describe('reasonMessage', () => {
  it.each(Object.values(FILE_CODES))('words %s in French', (code) => {
    const message = reasonMessage({ code, params: { column: 'MCF', columns: 'DNS', value: 'X', line: 3, linesRead: 9, firstLine: 2, found: 8, expected: 7, rejected: 4, siret: S1, lastName: 'Dupont', firstName: 'Élodie', serviceCode: 'DSN', codePoint: 'U+0000' } });
    expect(message).not.toBe(code);
    expect(message).not.toMatch(/undefined|\$\{/);
  });

  it('words a SIRET’s fault as domain/identifiers does, after its column', () => {
    expect(reasonMessage({ code: 'IDENTIFIER.LEADING_ZERO_LOST', params: { column: 'SIRET déclarant', value: '1234567800010' } })).toBe(
      'SIRET déclarant : SIRET de 13 chiffres : un tableur a probablement supprimé le zéro initial (essayez 01234567800010).',
    );
  });
});
