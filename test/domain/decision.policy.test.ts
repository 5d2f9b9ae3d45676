import { DECISION_BASES, DENIAL_REASONS } from '../../domain/access/decision.codes';
import {
  decide,
  lookBackStart,
  type Decision,
  type DecisionBasis,
  type DecisionFacts,
  type DecisionQuestion,
  type DenialReason,
  type Right,
} from '../../domain/access/decision.policy';
import { AccessMode } from '../../domain/rights/declarative-service.entity';

const NOW = new Date('2026-11-26T10:00:00Z');

/** First day of the month `n` months before `now` (YYYY-MM-DD). */
const monthsAgo = (n: number, now = NOW) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - n, 1)).toISOString().slice(0, 10);

const service = (accessMode: AccessMode, checks: { checkDeclaringSiret?: boolean; checkEmployees?: boolean } = {}) => ({
  accessMode,
  active: true,
  checkDeclaringSiret: false,
  checkEmployees: false,
  ...checks,
});

const ALL_RIGHTS = { canDeclare: true, canPay: true, canConsult: true };

/** An active account, an active SPECIFIC service, nothing else. */
const facts = (over: Partial<DecisionFacts> = {}): DecisionFacts => ({
  account: { active: true },
  service: service(AccessMode.SPECIFIC),
  habilitation: null,
  serviceInPortfolio: false,
  ownEstablishment: false,
  lastOwnFiling: null,
  lastCompanyFiling: null,
  employeesNotEmployed: [],
  ...over,
});

const allowed = (basis: DecisionBasis): Decision => ({ allowed: true, basis, reason: null });
const denied = (reason: DenialReason): Decision => ({ allowed: false, basis: null, reason });

const DSN = service(AccessMode.DSN_INHERITED);
const PAYROLL = service(AccessMode.PAYROLL_LINKED);
const SPECIFIC = service(AccessMode.SPECIFIC);
const habilitated = { serviceInPortfolio: true, habilitation: ALL_RIGHTS };

type Row = [string, DecisionFacts, DecisionQuestion, Decision];

const BASIS_ROWS: Row[] = [
  ['DSN_INHERITED: his own filing', facts({ service: DSN, lastOwnFiling: monthsAgo(1), lastCompanyFiling: monthsAgo(1) }), {}, allowed('DSN_INHERITED')],
  ['DSN_INHERITED: his own filing, no habilitation nor portfolio needed', facts({ service: DSN, lastOwnFiling: monthsAgo(0) }), { right: 'PAY' }, allowed('DSN_INHERITED')],
  ['PAYROLL_LINKED: habilitation and a company filing', facts({ service: PAYROLL, ...habilitated, lastCompanyFiling: monthsAgo(2) }), {}, allowed('EXPLICIT_HABILITATION')],
  ['PAYROLL_LINKED: company filing, no habilitation (implicit mandate)', facts({ service: PAYROLL, lastCompanyFiling: monthsAgo(2) }), {}, allowed('IMPLICIT_MANDATE_DSN')],
  ['PAYROLL_LINKED: his own filing counts for the company', facts({ service: PAYROLL, lastOwnFiling: monthsAgo(2) }), {}, allowed('IMPLICIT_MANDATE_DSN')],
  ['PAYROLL_LINKED: in portfolio without habilitation, company filing', facts({ service: PAYROLL, serviceInPortfolio: true, lastCompanyFiling: monthsAgo(2) }), {}, allowed('IMPLICIT_MANDATE_DSN')],
  ['SPECIFIC: habilitation through a portfolio holding the service', facts({ service: SPECIFIC, ...habilitated }), {}, allowed('EXPLICIT_HABILITATION')],
  ['SPECIFIC: no DSN needed without the declaring-SIRET check', facts({ service: SPECIFIC, ...habilitated, lastCompanyFiling: null }), { right: 'CONSULT' }, allowed('EXPLICIT_HABILITATION')],
];

const REASON_ROWS: Row[] = [
  ['unknown account (or another company’s)', facts({ account: null, ...habilitated }), {}, denied('UNKNOWN_ACCOUNT')],
  ['inactive account', facts({ account: { active: false }, ...habilitated }), {}, denied('ACCOUNT_INACTIVE')],
  ['unknown service', facts({ service: null }), {}, denied('UNKNOWN_SERVICE')],
  ['inactive service', facts({ service: { ...SPECIFIC, active: false }, ...habilitated }), {}, denied('SERVICE_INACTIVE')],
  ['inactive DSN_INHERITED service despite an own filing', facts({ service: { ...DSN, active: false }, lastOwnFiling: monthsAgo(1) }), {}, denied('SERVICE_INACTIVE')],
  ['SPECIFIC: service in no portfolio holding the SIRET', facts({ service: SPECIFIC }), {}, denied('SERVICE_NOT_IN_PORTFOLIO')],
  ['SPECIFIC: habilitation ignored when no portfolio holds SIRET and service', facts({ service: SPECIFIC, habilitation: ALL_RIGHTS }), {}, denied('SERVICE_NOT_IN_PORTFOLIO')],
  ['PAYROLL_LINKED: no recent filing, not in portfolio', facts({ service: PAYROLL }), {}, denied('SERVICE_NOT_IN_PORTFOLIO')],
  ['SPECIFIC: in portfolio, no habilitation', facts({ service: SPECIFIC, serviceInPortfolio: true }), {}, denied('NO_HABILITATION')],
  ['PAYROLL_LINKED: in portfolio, no habilitation, no filing', facts({ service: PAYROLL, serviceInPortfolio: true }), {}, denied('NO_HABILITATION')],
  ['SPECIFIC: right not ticked', facts({ service: SPECIFIC, serviceInPortfolio: true, habilitation: { ...ALL_RIGHTS, canPay: false } }), { right: 'PAY' }, denied('RIGHT_NOT_GRANTED')],
  ['PAYROLL_LINKED: right not ticked (explicit rights restrict the mandate)', facts({ service: PAYROLL, serviceInPortfolio: true, habilitation: { ...ALL_RIGHTS, canDeclare: false }, lastCompanyFiling: monthsAgo(1) }), { right: 'DECLARE' }, denied('RIGHT_NOT_GRANTED')],
  ['DSN_INHERITED: SIRET never filed', facts({ service: DSN, ...habilitated }), {}, denied('SIRET_NOT_IN_DSN')],
  ['PAYROLL_LINKED: habilitation but SIRET not filed by the company', facts({ service: PAYROLL, ...habilitated }), {}, denied('SIRET_NOT_IN_DSN')],
  ['DSN_INHERITED: a colleague’s filing', facts({ service: DSN, lastCompanyFiling: monthsAgo(1) }), {}, denied('NOT_OWN_FILING')],
  ['DSN_INHERITED: his own filing too old, a colleague’s recent', facts({ service: DSN, lastOwnFiling: monthsAgo(9), lastCompanyFiling: monthsAgo(1) }), {}, denied('NOT_OWN_FILING')],
  ['SPECIFIC + declaring check: company never filed the SIRET', facts({ service: service(AccessMode.SPECIFIC, { checkDeclaringSiret: true }), ...habilitated }), {}, denied('DECLARING_SIRET_MISMATCH')],
  ['SPECIFIC + employees check: the SIRET only typed into a client portfolio', facts({ service: service(AccessMode.SPECIFIC, { checkEmployees: true }), ...habilitated }), { employeeIds: ['E1'] }, denied('SIRET_NOT_MANAGED')],
  ['SPECIFIC + employees check: one employee left', facts({ service: service(AccessMode.SPECIFIC, { checkEmployees: true }), ...habilitated, ownEstablishment: true, employeesNotEmployed: ['E2'] }), { employeeIds: ['E1', 'E2'] }, denied('EMPLOYEE_NOT_EMPLOYED')],
];

describe('decide: one row per basis and per reason', () => {
  it.each(BASIS_ROWS)('%s', (_name, f, question, expected) => {
    expect(decide(f, question, NOW)).toEqual(expected);
  });

  it.each(REASON_ROWS)('%s', (_name, f, question, expected) => {
    expect(decide(f, question, NOW)).toEqual(expected);
  });

  it('covers every basis and every reason of the types', () => {
    expect(new Set(BASIS_ROWS.map(([, , , d]) => d.basis))).toEqual(new Set(DECISION_BASES));
    expect(new Set(REASON_ROWS.map(([, , , d]) => d.reason))).toEqual(new Set(DENIAL_REASONS));
  });
});

describe('decide: each access mode × situation', () => {
  const OWN_FILING = { lastOwnFiling: monthsAgo(1), lastCompanyFiling: monthsAgo(1) };
  const COMPANY_FILING = { lastCompanyFiling: monthsAgo(1) };
  it.each`
    mode                          | situation                                  | f                                          | expected
    ${AccessMode.DSN_INHERITED}   | ${'his own filing'}                        | ${OWN_FILING}                              | ${allowed('DSN_INHERITED')}
    ${AccessMode.DSN_INHERITED}   | ${'habilitation + colleague’s filing'}     | ${{ ...habilitated, ...COMPANY_FILING }}   | ${denied('NOT_OWN_FILING')}
    ${AccessMode.DSN_INHERITED}   | ${'habilitation, no filing'}               | ${habilitated}                             | ${denied('SIRET_NOT_IN_DSN')}
    ${AccessMode.PAYROLL_LINKED}  | ${'his own filing'}                        | ${OWN_FILING}                              | ${allowed('IMPLICIT_MANDATE_DSN')}
    ${AccessMode.PAYROLL_LINKED}  | ${'habilitation + colleague’s filing'}     | ${{ ...habilitated, ...COMPANY_FILING }}   | ${allowed('EXPLICIT_HABILITATION')}
    ${AccessMode.PAYROLL_LINKED}  | ${'habilitation, no filing'}               | ${habilitated}                             | ${denied('SIRET_NOT_IN_DSN')}
    ${AccessMode.SPECIFIC}        | ${'his own filing'}                        | ${OWN_FILING}                              | ${denied('SERVICE_NOT_IN_PORTFOLIO')}
    ${AccessMode.SPECIFIC}        | ${'habilitation + colleague’s filing'}     | ${{ ...habilitated, ...COMPANY_FILING }}   | ${allowed('EXPLICIT_HABILITATION')}
    ${AccessMode.SPECIFIC}        | ${'habilitation, no filing'}               | ${habilitated}                             | ${allowed('EXPLICIT_HABILITATION')}
  `('$mode, $situation', ({ mode, f, expected }: { mode: AccessMode; f: Partial<DecisionFacts>; expected: Decision }) => {
    expect(decide(facts({ service: service(mode), ...f }), {}, NOW)).toEqual(expected);
  });
});

describe('decide: implicit mandate and DSN-inherited look back 6 months (by default)', () => {
  it.each`
    months | allowed
    ${0}   | ${true}
    ${1}   | ${true}
    ${5}   | ${true}
    ${6}   | ${true}
    ${7}   | ${false}
    ${12}  | ${false}
  `('a filing for the period $months months ago → allowed: $allowed', ({ months, allowed: ok }: { months: number; allowed: boolean }) => {
    const implicit = decide(facts({ service: PAYROLL, lastCompanyFiling: monthsAgo(months) }), {}, NOW);
    expect(implicit).toEqual(ok ? allowed('IMPLICIT_MANDATE_DSN') : denied('SERVICE_NOT_IN_PORTFOLIO'));
    const inherited = decide(facts({ service: DSN, lastOwnFiling: monthsAgo(months) }), {}, NOW);
    expect(inherited).toEqual(ok ? allowed('DSN_INHERITED') : denied('SIRET_NOT_IN_DSN'));
  });

  it.each`
    now                             | oldestAllowed   | newestRefused
    ${'2026-03-01T00:00:00Z'}       | ${'2025-09-01'} | ${'2025-08-01'}
    ${'2026-02-28T23:59:59Z'}       | ${'2025-08-01'} | ${'2025-07-01'}
    ${'2026-01-15T12:00:00Z'}       | ${'2025-07-01'} | ${'2025-06-01'}
    ${'2026-12-31T23:59:59Z'}       | ${'2026-06-01'} | ${'2026-05-01'}
    ${'2026-07-01T00:00:00Z'}       | ${'2026-01-01'} | ${'2025-12-01'}
  `('on $now the window starts at $oldestAllowed', ({ now, oldestAllowed, newestRefused }: { now: string; oldestAllowed: string; newestRefused: string }) => {
    const at = new Date(now);
    expect(lookBackStart(at, 6)).toBe(oldestAllowed);
    expect(decide(facts({ service: PAYROLL, lastCompanyFiling: oldestAllowed }), {}, at).allowed).toBe(true);
    expect(decide(facts({ service: PAYROLL, lastCompanyFiling: newestRefused }), {}, at).allowed).toBe(false);
  });

  it('takes the look-back from the policy options', () => {
    const f = facts({ service: PAYROLL, lastCompanyFiling: monthsAgo(4) });
    expect(decide(f, {}, NOW, { lookBackMonths: 3 }).allowed).toBe(false);
    expect(decide(f, {}, NOW, { lookBackMonths: 4 }).allowed).toBe(true);
  });
});

describe('decide: DSN_INHERITED acts only on the SIRETs of his own filings', () => {
  it.each`
    case                                         | own              | company          | expected
    ${'his own recent filing'}                    | ${monthsAgo(2)}  | ${monthsAgo(2)}  | ${allowed('DSN_INHERITED')}
    ${'a colleague filed, not him'}               | ${null}          | ${monthsAgo(1)}  | ${denied('NOT_OWN_FILING')}
    ${'his filing is old, a colleague’s is new'}  | ${monthsAgo(8)}  | ${monthsAgo(1)}  | ${denied('NOT_OWN_FILING')}
    ${'nobody of the company filed recently'}     | ${monthsAgo(8)}  | ${monthsAgo(8)}  | ${denied('SIRET_NOT_IN_DSN')}
    ${'never filed'}                              | ${null}          | ${null}          | ${denied('SIRET_NOT_IN_DSN')}
  `('$case', ({ own, company, expected }: { own: string | null; company: string | null; expected: Decision }) => {
    const f = facts({ service: DSN, ...habilitated, lastOwnFiling: own, lastCompanyFiling: company });
    expect(decide(f, {}, NOW)).toEqual(expected);
  });
});

describe('decide: rights on explicit habilitations', () => {
  const rows: Array<[AccessMode, Right | undefined, keyof typeof ALL_RIGHTS | null, boolean]> = [];
  for (const mode of [AccessMode.PAYROLL_LINKED, AccessMode.SPECIFIC]) {
    rows.push([mode, undefined, null, true]);
    for (const [right, flag] of [['DECLARE', 'canDeclare'], ['PAY', 'canPay'], ['CONSULT', 'canConsult']] as const) {
      rows.push([mode, right, null, true], [mode, right, flag, false]);
    }
    rows.push([mode, 'DECLARE', 'canPay', true], [mode, 'PAY', 'canConsult', true], [mode, 'CONSULT', 'canDeclare', true]);
  }

  it.each(rows)('%s: right %s with %s unticked → allowed %s', (mode, right, unticked, ok) => {
    const habilitation = { ...ALL_RIGHTS, ...(unticked ? { [unticked]: false } : {}) };
    const f = facts({ service: service(mode), serviceInPortfolio: true, habilitation, lastCompanyFiling: monthsAgo(1) });
    expect(decide(f, { right }, NOW)).toEqual(ok ? allowed('EXPLICIT_HABILITATION') : denied('RIGHT_NOT_GRANTED'));
  });

});

describe('decide: optional checks of SPECIFIC services', () => {
  const mcf = (checks: { checkDeclaringSiret?: boolean; checkEmployees?: boolean }) => service(AccessMode.SPECIFIC, checks);

  it.each`
    case                                                | checks                                               | f                                                                         | question                           | expected
    ${'declaring check, company filed recently'}        | ${{ checkDeclaringSiret: true }}                      | ${{ lastCompanyFiling: monthsAgo(3) }}                                    | ${{}}                              | ${allowed('EXPLICIT_HABILITATION')}
    ${'declaring check, his own filing'}                | ${{ checkDeclaringSiret: true }}                      | ${{ lastOwnFiling: monthsAgo(3) }}                                        | ${{}}                              | ${allowed('EXPLICIT_HABILITATION')}
    ${'declaring check, filing older than the window'}  | ${{ checkDeclaringSiret: true }}                      | ${{ lastCompanyFiling: monthsAgo(7) }}                                    | ${{}}                              | ${denied('DECLARING_SIRET_MISMATCH')}
    ${'declaring check, never filed'}                   | ${{ checkDeclaringSiret: true }}                      | ${{}}                                                                     | ${{}}                              | ${denied('DECLARING_SIRET_MISMATCH')}
    ${'no declaring check, never filed'}                | ${{}}                                                 | ${{}}                                                                     | ${{}}                              | ${allowed('EXPLICIT_HABILITATION')}
    ${'employees check, all employed'}                  | ${{ checkEmployees: true }}                           | ${{ ownEstablishment: true }}                                             | ${{ employeeIds: ['E1', 'E2'] }}   | ${allowed('EXPLICIT_HABILITATION')}
    ${'employees check, one not employed'}              | ${{ checkEmployees: true }}                           | ${{ ownEstablishment: true, employeesNotEmployed: ['E2'] }}               | ${{ employeeIds: ['E1', 'E2'] }}   | ${denied('EMPLOYEE_NOT_EMPLOYED')}
    ${'employees check, no employee named'}             | ${{ checkEmployees: true }}                           | ${{}}                                                                     | ${{ employeeIds: [] }}             | ${allowed('EXPLICIT_HABILITATION')}
    ${'no employees check, one not employed'}           | ${{}}                                                 | ${{ employeesNotEmployed: ['E2'] }}                                       | ${{ employeeIds: ['E1', 'E2'] }}   | ${allowed('EXPLICIT_HABILITATION')}
    ${'both checks (MCF): declaring fails first'}       | ${{ checkDeclaringSiret: true, checkEmployees: true }} | ${{ employeesNotEmployed: ['E1'] }}                                     | ${{ employeeIds: ['E1'] }}         | ${denied('DECLARING_SIRET_MISMATCH')}
    ${'both checks (MCF): filed, employee left'}        | ${{ checkDeclaringSiret: true, checkEmployees: true }} | ${{ lastCompanyFiling: monthsAgo(1), employeesNotEmployed: ['E1'] }}    | ${{ employeeIds: ['E1'] }}         | ${denied('EMPLOYEE_NOT_EMPLOYED')}
    ${'both checks (MCF): all good'}                    | ${{ checkDeclaringSiret: true, checkEmployees: true }} | ${{ lastCompanyFiling: monthsAgo(1) }}                                  | ${{ employeeIds: ['E1'] }}         | ${allowed('EXPLICIT_HABILITATION')}
  `(
    '$case',
    ({ checks, f, question, expected }: { checks: object; f: Partial<DecisionFacts>; question: DecisionQuestion; expected: Decision }) => {
      expect(decide(facts({ service: mcf(checks), ...habilitated, ...f }), question, NOW)).toEqual(expected);
    },
  );

  it('a missing right is reported before the checks', () => {
    const f = facts({ service: mcf({ checkDeclaringSiret: true, checkEmployees: true }), serviceInPortfolio: true, habilitation: { ...ALL_RIGHTS, canPay: false } });
    expect(decide(f, { right: 'PAY', employeeIds: ['E1'] }, NOW)).toEqual(denied('RIGHT_NOT_GRANTED'));
  });
});

describe('decide: the employees’ check answers only where the company manages the SIRET (evidence, not a claim)', () => {
  const checkEmployees = service(AccessMode.SPECIFIC, { checkEmployees: true });
  it.each`
    evidence                                                 | f                                                                  | question                  | expected
    ${'own establishment, employee there'}                   | ${{ ownEstablishment: true }}                                      | ${{ employeeIds: ['E1'] }} | ${allowed('EXPLICIT_HABILITATION')}
    ${'own establishment, employee gone'}                    | ${{ ownEstablishment: true, employeesNotEmployed: ['E1'] }}        | ${{ employeeIds: ['E1'] }} | ${denied('EMPLOYEE_NOT_EMPLOYED')}
    ${'the company filed its DSN 6 months ago'}              | ${{ lastCompanyFiling: monthsAgo(6) }}                             | ${{ employeeIds: ['E1'] }} | ${allowed('EXPLICIT_HABILITATION')}
    ${'he filed its DSN last month'}                         | ${{ lastOwnFiling: monthsAgo(1) }}                                 | ${{ employeeIds: ['E1'] }} | ${allowed('EXPLICIT_HABILITATION')}
    ${'the company filed its DSN 7 months ago'}              | ${{ lastCompanyFiling: monthsAgo(7) }}                             | ${{ employeeIds: ['E1'] }} | ${denied('SIRET_NOT_MANAGED')}
    ${'only claimed, employee there'}                        | ${{}}                                                              | ${{ employeeIds: ['E1'] }} | ${denied('SIRET_NOT_MANAGED')}
    ${'only claimed, employee gone: the same answer'}        | ${{ employeesNotEmployed: ['E1'] }}                                | ${{ employeeIds: ['E1'] }} | ${denied('SIRET_NOT_MANAGED')}
    ${'only claimed, no employee named: its specific right'} | ${{ employeesNotEmployed: ['E1'] }}                                | ${{}}                      | ${allowed('EXPLICIT_HABILITATION')}
  `('$evidence', ({ f, question, expected }: { f: Partial<DecisionFacts>; question: DecisionQuestion; expected: Decision }) => {
    expect(decide(facts({ service: checkEmployees, ...habilitated, ...f }), question, NOW)).toEqual(expected);
  });

  it.each`
    mode                          | expected
    ${AccessMode.DSN_INHERITED}   | ${denied('SIRET_NOT_IN_DSN')}
    ${AccessMode.PAYROLL_LINKED}  | ${denied('SIRET_NOT_IN_DSN')}
    ${AccessMode.SPECIFIC}        | ${allowed('EXPLICIT_HABILITATION')}
  `('$mode on a SIRET only claimed, with a habilitation there: only the specific right', ({ mode, expected }: { mode: AccessMode; expected: Decision }) => {
    expect(decide(facts({ service: service(mode), ...habilitated }), {}, NOW)).toEqual(expected);
  });

  it.each`
    mode                          | expected
    ${AccessMode.DSN_INHERITED}   | ${denied('SIRET_NOT_IN_DSN')}
    ${AccessMode.PAYROLL_LINKED}  | ${denied('SERVICE_NOT_IN_PORTFOLIO')}
  `('$mode on an own establishment nobody of the company filed: no mandate without a DSN', ({ mode, expected }: { mode: AccessMode; expected: Decision }) => {
    expect(decide(facts({ service: service(mode), ownEstablishment: true }), {}, NOW)).toEqual(expected);
  });
});
