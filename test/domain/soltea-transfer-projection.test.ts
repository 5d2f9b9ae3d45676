import { employerTransfer, paysAt, projectTransfers, type EmployerOfProjection, type EmployerTransferStep } from '../../domain/soltea/transfer-projection';

const A = '11111111100011';
const B = '22222222200022';
const C = '33333333300033';
const accepted = new Set([A, B]);
const eligible = (siret: string) => accepted.has(siret);

const employer = (balanceCents: number, shares: [string, number][], over: Partial<EmployerOfProjection> = {}): EmployerOfProjection => ({
  balanceCents,
  frozen: false,
  shares: shares.map(([establishmentSiret, shareBp]) => ({ establishmentSiret, shareBp })),
  paid: new Map(),
  ran: new Set<EmployerTransferStep>(),
  ...over,
});

describe('SOLTéA transfer projection', () => {
  it.each<[string, EmployerOfProjection, EmployerTransferStep, boolean]>([
    ['whole balance chosen, not frozen', employer(100_00, [[A, 10_000]]), 'TRANSFER1', true],
    ['part of the balance chosen', employer(100_00, [[A, 6_000]]), 'TRANSFER1', false],
    ['already frozen', employer(100_00, [[A, 10_000]], { frozen: true }), 'TRANSFER1', false],
    ['no balance', employer(0, [[A, 10_000]]), 'TRANSFER1', false],
    ['part chosen, second transfer', employer(100_00, [[A, 6_000]]), 'TRANSFER2', true],
    ['frozen, second transfer', employer(100_00, [[A, 10_000]], { frozen: true }), 'TRANSFER2', true],
    ['no balance, second transfer', employer(0, [[A, 6_000]]), 'TRANSFER2', false],
  ])('%s: paid at the step = %s', (_, e, step, pays) => {
    expect(paysAt(step, e)).toBe(pays);
  });

  it('an employer choosing an establishment not eligible has no transfer at all, naming it', () => {
    expect(employerTransfer(100_00, [{ establishmentSiret: A, shareBp: 5_000 }, { establishmentSiret: C, shareBp: 5_000 }], new Map(), eligible)).toEqual({ notEligible: C });
    expect(employerTransfer(100_00, [{ establishmentSiret: A, shareBp: 5_000 }], new Map(), eligible)).toEqual({ due: [{ establishmentSiret: A, cents: 50_00 }] });
  });

  it.each<[string, EmployerOfProjection[], { TRANSFER1: [number, number]; TRANSFER2: [number, number] }]>([
    ['whole balance: all at the first transfer, nothing left for the second', [employer(100_01, [[A, 5_000], [B, 5_000]])], { TRANSFER1: [50_01, 1], TRANSFER2: [0, 0] }],
    ['part of the balance: nothing at the first, its share at the second', [employer(100_00, [[A, 2_500]])], { TRANSFER1: [0, 0], TRANSFER2: [25_00, 1] }],
    [
      'several employers add up, each by his own split',
      [employer(10_00, [[A, 10_000]]), employer(3_00, [[A, 3_333], [B, 6_667]]), employer(7_00, [[A, 5_000]])],
      { TRANSFER1: [10_00 + 1_00, 2], TRANSFER2: [3_50, 1] },
    ],
    ['an establishment not eligible among the choices stops the employer’s transfers', [employer(100_00, [[A, 5_000], [C, 5_000]])], { TRANSFER1: [0, 0], TRANSFER2: [0, 0] }],
    [
      'first transfer already run: the second pays only what a raised balance adds',
      [employer(120_00, [[A, 10_000]], { frozen: true, paid: new Map([[A, 100_00]]), ran: new Set(['TRANSFER1']) })],
      { TRANSFER1: [0, 0], TRANSFER2: [20_00, 1] },
    ],
    [
      'a lowered balance claws nothing back',
      [employer(80_00, [[A, 10_000]], { frozen: true, paid: new Map([[A, 100_00]]), ran: new Set(['TRANSFER1']) })],
      { TRANSFER1: [0, 0], TRANSFER2: [0, 0] },
    ],
    ['both transfers run for him: nothing to come', [employer(100_00, [[A, 4_000]], { ran: new Set(['TRANSFER1', 'TRANSFER2']) })], { TRANSFER1: [0, 0], TRANSFER2: [0, 0] }],
  ])('%s', (_, employers, expected) => {
    const projection = projectTransfers(A, employers, eligible);
    expect(projection).toEqual({
      TRANSFER1: { cents: expected.TRANSFER1[0], employers: expected.TRANSFER1[1] },
      TRANSFER2: { cents: expected.TRANSFER2[0], employers: expected.TRANSFER2[1] },
    });
  });
});
