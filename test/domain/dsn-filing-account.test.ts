import { Readable } from 'node:stream';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Check } from '../../domain/dsn/dsn-csv.rules';
import { importCsv, REJECTIONS_LISTED, type Importer } from '../../domain/dsn/dsn-import.service';
import { checkFilingAccount, type FilingLine, type FilingOwners } from '../../domain/dsn/dsn-lines.rules';

const ACCOUNT = '0f8fad5b-d9cb-469f-a165-70867728950e';
const line = (declaringAccountId: string | null): FilingLine => ({
  declaringSiret: '84271640900011',
  declaredSiret: '53210987300010',
  period: '2026-10-01',
  filedAt: '2026-11-05T00:00:00.000Z',
  declaringAccountId,
});

describe('checkFilingAccount: a filing credits only an account of its declaring SIRET’s company', () => {
  const refused = (reason: string): Check<FilingLine> => ({ ok: false, reason: `declaringAccountId : ${reason}` });
  const OTHER = `le compte ${ACCOUNT} n’appartient pas à l’entreprise du SIRET déclarant 84271640900011 : un dépôt ne crédite qu’un compte de l’entreprise qui dépose.`;
  const UNKNOWN = `compte ${ACCOUNT} inconnu.`;
  const UNREGISTERED = 'le SIRET déclarant 84271640900011 n’est l’établissement d’aucune entreprise inscrite : aucun compte ne peut déposer pour lui.';

  it.each`
    case                                                  | account    | owners                                                 | expected
    ${'no account named (the firm’s own filing)'}         | ${null}    | ${{ accountCompanyId: null, declaringCompanyId: null }} | ${null}
    ${'an account of the declaring SIRET’s company'}      | ${ACCOUNT} | ${{ accountCompanyId: 'A', declaringCompanyId: 'A' }}   | ${null}
    ${'an account of another company'}                    | ${ACCOUNT} | ${{ accountCompanyId: 'B', declaringCompanyId: 'A' }}   | ${OTHER}
    ${'an unknown account'}                               | ${ACCOUNT} | ${{ accountCompanyId: null, declaringCompanyId: 'A' }}  | ${UNKNOWN}
    ${'a declaring SIRET of no registered company'}       | ${ACCOUNT} | ${{ accountCompanyId: 'A', declaringCompanyId: null }}  | ${UNREGISTERED}
    ${'an unknown account and an unregistered SIRET'}     | ${ACCOUNT} | ${{ accountCompanyId: null, declaringCompanyId: null }} | ${UNKNOWN}
  `('$case', ({ account, owners, expected }: { account: string | null; owners: FilingOwners; expected: string | null }) => {
    const filing = line(account);
    expect(checkFilingAccount(filing, owners)).toEqual(expected === null ? { ok: true, value: filing } : refused(expected));
  });
});

describe('importCsv: lines the database refuses join the per-line report, in line order', () => {
  /** Lines `bad…` fail the line check, lines `refused…` are refused when written. */
  const importer: Importer<'value', string> = {
    layout: { columns: ['value'], optional: [] },
    check: (v) => (v.value.startsWith('bad') ? { ok: false, reason: 'illisible' } : { ok: true, value: v.value }),
    async write(_em, lines) {
      const refused = lines.flatMap((l, index) => (l.startsWith('refused') ? [{ index, reason: 'refusée' }] : []));
      return { inserted: lines.length - refused.length, updated: 0, refused };
    },
  };
  const run = (values: string[], batchRows?: number) => importCsv({} as EntityManager, Readable.from([Buffer.from(['value', ...values].join('\n'))]), importer, batchRows);

  it('merges each batch’s refusals with the lines rejected meanwhile, and counts them', async () => {
    const report = await run(['refused', 'bad', 'ok', 'bad', 'ok', 'refused', 'ok'], 3);
    expect(report.rejected.map((r) => [r.line, r.reason])).toEqual([
      [2, 'refusée'],
      [3, 'illisible'],
      [5, 'illisible'],
      [7, 'refusée'],
    ]);
    expect(report).toMatchObject({ outcome: 'PARTIAL', imported: 3, duplicates: 0, rejectedCount: 4 });
  });

  it('lists the first rejected lines by line number when there are too many to list', async () => {
    const report = await run(['refused', ...Array<string>(REJECTIONS_LISTED + 1).fill('bad')]);
    expect(report.rejectedCount).toBe(REJECTIONS_LISTED + 2);
    expect(report.rejected).toHaveLength(REJECTIONS_LISTED);
    expect(report.rejected.map((r) => r.line)).toEqual(Array.from({ length: REJECTIONS_LISTED }, (_, i) => i + 2));
    expect(report.outcome).toBe('KO');
  });
});
