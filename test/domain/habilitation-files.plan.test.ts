import { EstablishmentsFilePlan } from '../../domain/habilitation-files/establishments-file.plan';
import type { FilePlan, LineResult } from '../../domain/habilitation-files/file-plan';
import { HabilitationsFilePlan } from '../../domain/habilitation-files/habilitations-file.plan';
import { DEFAULT_RIGHTS } from '../../domain/habilitation-files/planned-change';
import { portfolioIndex } from '../../domain/habilitation-files/portfolio-index';
import { planServiceRequest } from '../../domain/habilitation-files/service-request.plan';
import { ELODIE, facts, FRANCOIS, index, JOSE, OUTSIDE, RADIATED, rights, S0, S1, S2, S3 } from '../fixtures/habilitation-files/portfolio';

const HEADER = ['SIRET', 'SIRET déclarant', 'Nom', 'Prénom', 'MCF', 'PEPS', 'SOLTEA_ETAB'];
const ELODIE_TRIPLET = [S1, 'Dupont-Martin', 'Élodie'];
const JOSE_TRIPLET = [S1, 'Garcia', 'José'];

/** Feeds lines of fields (line numbers from 1) to a plan. */
function run(plan: FilePlan, lines: string[][]): { results: LineResult[]; report: ReturnType<FilePlan['report']> } {
  const results = lines.map((fields, i) => plan.read({ line: i + 1, fields }));
  return { results, report: plan.report() };
}

const rejection = (result: LineResult) => ('rejected' in result ? { code: result.rejected.code, params: result.rejected.params } : null);

describe('HabilitationsFilePlan: one line', () => {
  const line = (fields: string[]) => run(new HabilitationsFilePlan(index()), [HEADER, fields]).results[1];

  it.each`
    fields                                                       | changes
    ${[S1, ...ELODIE_TRIPLET, '', '', '']}                        | ${[]}
    ${[S1, ...ELODIE_TRIPLET, '1', '', '']}                       | ${[]}
    ${[S1, ...ELODIE_TRIPLET, '0', '', '']}                       | ${[{ line: 2, accountId: ELODIE, siret: S1, serviceCode: 'MCF', action: 'REVOKE' }]}
    ${[S1, ...ELODIE_TRIPLET, 'C', 'dp', '1']}                    | ${[{ line: 2, accountId: ELODIE, siret: S1, serviceCode: 'MCF', action: 'GRANT', rights: rights('C') }, { line: 2, accountId: ELODIE, siret: S1, serviceCode: 'PEPS', action: 'GRANT', rights: rights('DP') }, { line: 2, accountId: ELODIE, siret: S1, serviceCode: 'SOLTEA_ETAB', action: 'GRANT', rights: DEFAULT_RIGHTS }]}
    ${[S2, ...ELODIE_TRIPLET, 'CPD', '0', '']}                    | ${[]}
    ${[S2, ...ELODIE_TRIPLET, '1', '', '']}                       | ${[{ line: 2, accountId: ELODIE, siret: S2, serviceCode: 'MCF', action: 'GRANT', rights: DEFAULT_RIGHTS }]}
    ${[`="${S0}"`, S1, 'GARCIA', 'jose', '0', '', '']}           | ${[{ line: 2, accountId: JOSE, siret: S0, serviceCode: 'MCF', action: 'REVOKE' }]}
    ${[S3, S1, '  lefevre ', 'FRANÇOIS', '', 'D C', '']}          | ${[{ line: 2, accountId: FRANCOIS, siret: S3, serviceCode: 'PEPS', action: 'GRANT', rights: rights('DC') }]}
  `('$fields → $changes', ({ fields, changes }: { fields: string[]; changes: object[] }) => {
    expect(line(fields)).toEqual({ changes });
  });

  it.each`
    fields                                                    | code                                            | params
    ${['8,42716E+13', ...ELODIE_TRIPLET, '1']}                | ${'IDENTIFIER.SCIENTIFIC_NOTATION'}             | ${{ column: 'SIRET', value: '8,42716E+13' }}
    ${['8.42716409E13', ...ELODIE_TRIPLET, '1']}              | ${'IDENTIFIER.SCIENTIFIC_NOTATION'}             | ${{ column: 'SIRET', value: '8.42716409E13' }}
    ${['1234567800010', ...ELODIE_TRIPLET, '1']}              | ${'IDENTIFIER.LEADING_ZERO_LOST'}               | ${{ column: 'SIRET', value: '1234567800010' }}
    ${['84271640900012', ...ELODIE_TRIPLET, '1']}             | ${'IDENTIFIER.CHECKSUM'}                        | ${{ column: 'SIRET', value: '84271640900012' }}
    ${['SIRET?', ...ELODIE_TRIPLET, '1']}                     | ${'IDENTIFIER.NOT_DIGITS'}                      | ${{ column: 'SIRET', value: 'SIRET?' }}
    ${['', ...ELODIE_TRIPLET, '1']}                           | ${'IDENTIFIER.EMPTY'}                           | ${{ column: 'SIRET', value: '' }}
    ${[S1, '8427164090001', 'Dupont-Martin', 'Élodie', '1']}  | ${'IDENTIFIER.LEADING_ZERO_LOST'}               | ${{ column: 'SIRET déclarant', value: '8427164090001' }}
    ${[S1, S1, '', 'Élodie', '1']}                            | ${'HABILITATION_FILE.VALUE_REQUIRED'}           | ${{ column: 'Nom' }}
    ${[S1, S1, 'Dupont-Martin', '', '1']}                     | ${'HABILITATION_FILE.VALUE_REQUIRED'}           | ${{ column: 'Prénom' }}
    ${[OUTSIDE, ...ELODIE_TRIPLET, '1']}                      | ${'HABILITATION_FILE.SIRET_NOT_IN_PORTFOLIO'}   | ${{ siret: OUTSIDE }}
    ${[S1, S2, 'Dupont-Martin', 'Élodie', '1']}               | ${'HABILITATION_FILE.DECLARANT_UNKNOWN'}        | ${{ siret: S2, lastName: 'Dupont-Martin', firstName: 'Élodie' }}
    ${[S1, S1, 'Dupont', 'Élodie', '1']}                      | ${'HABILITATION_FILE.DECLARANT_UNKNOWN'}        | ${{ siret: S1, lastName: 'Dupont', firstName: 'Élodie' }}
    ${[S1, ...ELODIE_TRIPLET, '2']}                           | ${'HABILITATION_FILE.VALUE_INVALID'}            | ${{ column: 'MCF', value: '2' }}
    ${[S1, ...ELODIE_TRIPLET, '', 'DD']}                      | ${'HABILITATION_FILE.VALUE_INVALID'}            | ${{ column: 'PEPS', value: 'DD' }}
    ${[S1, ...ELODIE_TRIPLET, '', '', 'X']}                   | ${'HABILITATION_FILE.VALUE_INVALID'}            | ${{ column: 'SOLTEA_ETAB', value: 'X' }}
    ${[S1, ...ELODIE_TRIPLET, 'oui']}                         | ${'HABILITATION_FILE.VALUE_INVALID'}            | ${{ column: 'MCF', value: 'oui' }}
    ${[S2, ...JOSE_TRIPLET, '', '', '1']}                     | ${'HABILITATION_FILE.OTHER_PORTFOLIO'}          | ${{ column: 'SOLTEA_ETAB' }}
    ${[S2, ...JOSE_TRIPLET, '', '', '0']}                     | ${'HABILITATION_FILE.OTHER_PORTFOLIO'}          | ${{ column: 'SOLTEA_ETAB' }}
    ${[S1, ...ELODIE_TRIPLET, '1', '', '', 'extra']}          | ${'HABILITATION_FILE.TOO_MANY_COLUMNS'}         | ${{ found: 8, expected: 7 }}
    ${[`${S1},${S1},Dupont-Martin,Élodie,1`]}                 | ${'HABILITATION_FILE.WRONG_SEPARATOR'}          | ${{ expected: 7 }}
    ${[S1, S1, 'Dupont\u0000', 'Élodie', '1']}                | ${'HABILITATION_FILE.CONTROL_CHARACTER'}        | ${{ column: 'Nom', codePoint: 'U+0000' }}
    ${[S1, S1, 'Dupont-Martin', '\ufffdlodie', '1']}          | ${'HABILITATION_FILE.UNREADABLE_BYTES'}         | ${{ column: 'Prénom' }}
    ${[S1, S1, 'Dupont-Martin', 'Ã‰lodie', '1']}             | ${'HABILITATION_FILE.MIXED_ENCODING'}           | ${{ column: 'Prénom' }}
  `('$fields → $code', ({ fields, code, params }: { fields: string[]; code: string; params: object }) => {
    expect(rejection(line(fields))).toEqual({ code, params });
  });

  it('keeps the line’s text in the input’s format for the rejected lines’ file', () => {
    expect(line([S1, 'x;y', 'Dupont', 'Élodie', '2'])).toMatchObject({ rejected: { line: 2, raw: `${S1};"x;y";Dupont;Élodie;2` } });
  });
});

describe('HabilitationsFilePlan: a file', () => {
  it('counts lines read and rejected, cells added, removed, changed and unchanged', () => {
    const { results, report } = run(new HabilitationsFilePlan(index()), [
      ['Prenom', 'NOM', 'siret', 'Siret Declarant', 'peps', 'mcf', '', ''],
      ['Élodie', 'Dupont-Martin', S1, S1, 'C', '1', ';', ''].slice(0, 6),
      ['', '', '', '', '', ''],
      ['Élodie', 'Dupont-Martin', S2, S1, '', 'DC'],
      ['José', 'Garcia', S0, S1, '0', '0'],
      ['José', 'Garcia', OUTSIDE, S1, '1', ''],
      ['Élodie', 'Dupont-Martin', S1, S1, '0', '0'],
    ]);
    expect(results.map((r) => ('rejected' in r ? r.rejected.code : r.changes.length))).toEqual([0, 1, 0, 1, 1, 'HABILITATION_FILE.SIRET_NOT_IN_PORTFOLIO', 'HABILITATION_FILE.DUPLICATE_LINE']);
    expect(rejection(results[6])).toEqual({ code: 'HABILITATION_FILE.DUPLICATE_LINE', params: { firstLine: 2 } });
    expect(report).toEqual({ counts: { linesRead: 5, rejected: 2, added: 1, removed: 1, changed: 1, unchanged: 2 }, refusal: null });
  });

  it('rejects the second of two lines naming the same declarant × SIRET even when the first was rejected', () => {
    const { results } = run(new HabilitationsFilePlan(index()), [HEADER, [S1, ...ELODIE_TRIPLET, 'X'], [S1, S1, 'DUPONT-MARTIN', 'elodie', '1']]);
    expect(results.slice(1).map(rejection)).toEqual([
      { code: 'HABILITATION_FILE.VALUE_INVALID', params: { column: 'MCF', value: 'X' } },
      { code: 'HABILITATION_FILE.DUPLICATE_LINE', params: { firstLine: 2 } },
    ]);
  });

  it.each`
    header                                                         | code                                            | params
    ${['SIRET', 'SIRET déclarant', 'Nom', 'MCF']}                  | ${'HABILITATION_FILE.HEADER_MISSING_COLUMNS'}   | ${{ columns: 'Prénom' }}
    ${['SIRET', 'SIRET déclarant', 'Nom', 'Prénom']}               | ${'HABILITATION_FILE.HEADER_NO_SERVICE_COLUMN'} | ${{}}
    ${[...HEADER, 'DNS', 'Commentaire']}                           | ${'HABILITATION_FILE.HEADER_UNKNOWN_COLUMNS'}   | ${{ columns: 'DNS, Commentaire' }}
    ${['SIRET', 'SIRET déclarant', 'Nom', '', 'Prénom', 'MCF']}    | ${'HABILITATION_FILE.HEADER_UNKNOWN_COLUMNS'}   | ${{ columns: '#4' }}
    ${[...HEADER, 'm c f']}                                        | ${'HABILITATION_FILE.HEADER_DUPLICATE_COLUMN'}  | ${{ column: 'MCF' }}
    ${['SIRET\tSIRET déclarant\tNom\tPrénom\tMCF']}                | ${'HABILITATION_FILE.WRONG_SEPARATOR'}          | ${{ expected: 7 }}
    ${['SIRET', 'Nom\u0001']}                                      | ${'HABILITATION_FILE.CONTROL_CHARACTER'}        | ${{ column: '#2', codePoint: 'U+0001' }}
  `('refuses the header $header: $code, and reads nothing after it', ({ header, code, params }: { header: string[]; code: string; params: object }) => {
    const plan = new HabilitationsFilePlan(index());
    const { results, report } = run(plan, [header, [S1, ...ELODIE_TRIPLET, '0']]);
    expect(report.refusal).toEqual({ code, params });
    expect(plan.stopped).toBe(true);
    expect(results).toEqual([{ changes: [] }, { changes: [] }]);
    expect(report.counts.linesRead).toBe(0);
  });

  it.each`
    lines                                                         | refusal
    ${[]}                                                          | ${{ code: 'HABILITATION_FILE.EMPTY', params: {} }}
    ${[['', ''], ['']]}                                             | ${{ code: 'HABILITATION_FILE.EMPTY', params: {} }}
    ${[HEADER, ['', '', '']]}                                      | ${{ code: 'HABILITATION_FILE.NO_DATA_LINE', params: {} }}
  `('an empty file or a header alone is refused: $refusal.code', ({ lines, refusal }: { lines: string[][]; refusal: object }) => {
    expect(run(new HabilitationsFilePlan(index()), lines).report.refusal).toEqual(refusal);
  });

  it('stops at an unreadable line: rejected, and nothing applies (the lines after it were never read)', () => {
    const plan = new HabilitationsFilePlan(index());
    plan.read({ line: 1, fields: HEADER });
    plan.read({ line: 2, fields: [S3, ...ELODIE_TRIPLET, '1'] });
    expect(plan.read({ line: 3, unreadable: '…', code: 'QUOTE_NOT_CLOSED' })).toEqual({ rejected: { line: 3, code: 'HABILITATION_FILE.QUOTE_NOT_CLOSED', params: {}, raw: '' } });
    expect(plan.report()).toEqual({
      counts: { linesRead: 2, rejected: 1, added: 1, removed: 0, changed: 0, unchanged: 0 },
      refusal: { code: 'HABILITATION_FILE.READ_STOPPED', params: { line: 3 } },
    });
  });

  it('refuses a file unreadable from its first line', () => {
    const plan = new HabilitationsFilePlan(index());
    plan.read({ line: 1, unreadable: '…', code: 'RECORD_TOO_LONG' });
    expect(plan.report().refusal).toEqual({ code: 'HABILITATION_FILE.RECORD_TOO_LONG', params: { line: 1 } });
  });
});

describe('EstablishmentsFilePlan', () => {
  const grant = (line: number, accountId: string, siret: string, serviceCode: string) => ({ line, accountId, siret, serviceCode, action: 'GRANT', rights: DEFAULT_RIGHTS });
  const revoke = (line: number, accountId: string, siret: string, serviceCode: string) => ({ line, accountId, siret, serviceCode, action: 'REVOKE' });

  it('adds a SIRET for the declarants of the portfolio (not François, who holds nothing through it), creating only the cells missing', () => {
    const { results, report } = run(new EstablishmentsFilePlan(index()), [[S2, '1']]);
    expect(results[0]).toEqual({
      changes: [grant(1, ELODIE, S2, 'PEPS'), grant(1, ELODIE, S2, 'SOLTEA_ETAB'), grant(1, JOSE, S2, 'MCF'), grant(1, JOSE, S2, 'PEPS')],
    });
    expect(report.counts).toEqual({ linesRead: 1, rejected: 0, added: 4, removed: 0, changed: 0, unchanged: 2 });
  });

  it('removes every habilitation of the portfolio on a SIRET, a radiated holder’s too', () => {
    const { results, report } = run(new EstablishmentsFilePlan(index()), [['siret', 'Action'], [S2, '0'], [S3, '0']]);
    expect(results.slice(1)).toEqual([{ changes: [revoke(2, ELODIE, S2, 'MCF'), revoke(2, RADIATED, S2, 'PEPS')] }, { changes: [] }]);
    expect(report.counts).toEqual({ linesRead: 2, rejected: 0, added: 0, removed: 2, changed: 0, unchanged: 0 });
  });

  it.each`
    lines                                                 | codes
    ${[['ACTION', 'SIRET'], ['1', S3], ['0', S3]]}         | ${[null, null, 'HABILITATION_FILE.DUPLICATE_LINE']}
    ${[[S3, '2'], [S2, ''], [OUTSIDE, '1']]}               | ${['HABILITATION_FILE.VALUE_INVALID', 'HABILITATION_FILE.VALUE_REQUIRED', 'HABILITATION_FILE.SIRET_NOT_IN_PORTFOLIO']}
    ${[['8,42716E+13', '1'], ['1234567800010', '0']]}      | ${['IDENTIFIER.SCIENTIFIC_NOTATION', 'IDENTIFIER.LEADING_ZERO_LOST']}
    ${[[`${S1},1`], [S1, '1', '1']]}                       | ${['HABILITATION_FILE.WRONG_SEPARATOR', 'HABILITATION_FILE.TOO_MANY_COLUMNS']}
  `('$lines → $codes', ({ lines, codes }: { lines: string[][]; codes: Array<string | null> }) => {
    const { results } = run(new EstablishmentsFilePlan(index()), lines);
    expect(results.map((r) => rejection(r)?.code ?? null)).toEqual(codes);
  });

  it('tells a portfolio without declarants (nobody to give the SIRET to) or without services', () => {
    const bare = portfolioIndex({ ...facts(), habilitations: [], heldElsewhere: [] });
    expect(rejection(run(new EstablishmentsFilePlan(bare), [[S1, '1']]).results[0])).toEqual({ code: 'HABILITATION_FILE.PORTFOLIO_WITHOUT_DECLARANT', params: {} });
    const noService = portfolioIndex({ ...facts(), serviceCodes: [] });
    expect(rejection(run(new EstablishmentsFilePlan(noService), [[S1, '1']]).results[0])).toEqual({ code: 'HABILITATION_FILE.PORTFOLIO_WITHOUT_SERVICE', params: {} });
  });

  it('refuses a header naming other columns', () => {
    expect(run(new EstablishmentsFilePlan(index()), [['SIRET', 'ACTION', 'MCF']]).report.refusal).toEqual({ code: 'HABILITATION_FILE.HEADER_UNKNOWN_COLUMNS', params: { columns: 'MCF' } });
  });
});

describe('planServiceRequest', () => {
  it('grants a service on every SIRET to the declarants of the portfolio, creating only the cells missing (line 0)', () => {
    const { changes, report } = planServiceRequest(index(), { serviceCode: 'MCF', action: 'GRANT' });
    expect(changes.map((c) => `${c.line} ${c.accountId.slice(-1)} ${c.siret} ${c.action}`)).toEqual([`0 2 ${S1} GRANT`, `0 2 ${S2} GRANT`, `0 1 ${S0} GRANT`, `0 1 ${S3} GRANT`, `0 2 ${S3} GRANT`]);
    expect(report).toEqual({ counts: { linesRead: 0, rejected: 0, added: 5, removed: 0, changed: 0, unchanged: 3 }, refusal: null });
  });

  it('revokes a service across the portfolio, whoever holds it', () => {
    const { changes, report } = planServiceRequest(index(), { serviceCode: 'PEPS', action: 'REVOKE' });
    expect(changes).toEqual([
      { line: 0, accountId: JOSE, siret: S1, serviceCode: 'PEPS', action: 'REVOKE' },
      { line: 0, accountId: RADIATED, siret: S2, serviceCode: 'PEPS', action: 'REVOKE' },
    ]);
    expect(report.counts.removed).toBe(2);
  });

  it.each`
    serviceCode | action      | habilitations             | refusal
    ${'DSN'}    | ${'GRANT'}  | ${facts().habilitations}  | ${{ code: 'HABILITATION_FILE.SERVICE_NOT_IN_PORTFOLIO', params: { serviceCode: 'DSN' } }}
    ${'MCF'}    | ${'GRANT'}  | ${[]}                     | ${{ code: 'HABILITATION_FILE.PORTFOLIO_WITHOUT_DECLARANT', params: {} }}
    ${'MCF'}    | ${'REVOKE'} | ${[]}                     | ${null}
  `('$action $serviceCode → $refusal', ({ serviceCode, action, habilitations, refusal }) => {
    const { changes, report } = planServiceRequest(portfolioIndex({ ...facts(), habilitations }), { serviceCode, action });
    expect(changes).toEqual([]);
    expect(report.refusal).toEqual(refusal);
  });
});
