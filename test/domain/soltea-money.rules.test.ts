import { basisPoints, allocationRefusal, type AllocationContext, type TypedShare } from '../../domain/soltea/allocation.rules';
import { distributeUnallocated, largestRemainder, splitBalance, transferDue, type EligibleEstablishment } from '../../domain/soltea/money';
import { seededRandom } from '../../domain/shared/seeded-random';

describe('SOLTéA money (cents, largest remainder)', () => {
  it.each<[number, number[], number[]]>([
    [100, [1, 1, 1], [34, 33, 33]],
    [1, [5000, 5000], [1, 0]],
    [10, [3333, 3333, 3334], [3, 3, 4]],
    [0, [1, 2], [0, 0]],
    [999_999_999_999, [1, 1], [500_000_000_000, 499_999_999_999]],
  ])('splits %i cents by %j into %j', (total, weights, parts) => {
    expect(largestRemainder(total, weights)).toEqual(parts);
  });

  it('property: per employer the cents sum exactly to the balance, whatever the shares', () => {
    const random = seededRandom(20251107);
    for (let run = 0; run < 2000; run++) {
      const balance = Math.floor(random() * 5_000_000_00);
      const n = 1 + Math.floor(random() * 8);
      let left = 10_000;
      const shares = Array.from({ length: n }, (_, i) => {
        const bp = i === n - 1 && random() < 0.5 ? left : Math.floor(random() * left);
        left -= bp;
        return { establishmentSiret: String(i).padStart(14, '0'), shareBp: bp };
      }).filter((s) => s.shareBp > 0);
      const { amounts, unallocatedCents } = splitBalance(balance, shares);
      expect(amounts.reduce((a, x) => a + x.cents, 0) + unallocatedCents).toBe(balance);
      expect(amounts.every((a) => a.cents >= 0)).toBe(true);
    }
  });

  it('a correction pays the difference at the next transfer and claws nothing back', () => {
    const shares = [{ establishmentSiret: 'A', shareBp: 6000 }, { establishmentSiret: 'B', shareBp: 4000 }];
    expect(transferDue(100_00, shares, new Map([['A', 60_00], ['B', 40_00]]))).toEqual([]);
    expect(transferDue(110_00, shares, new Map([['A', 60_00], ['B', 40_00]]))).toEqual([{ establishmentSiret: 'A', cents: 6_00 }, { establishmentSiret: 'B', cents: 4_00 }]);
    expect(transferDue(90_00, shares, new Map([['A', 60_00], ['B', 40_00]]))).toEqual([]);
  });

  it('property: the distribution of unallocated funds sums exactly to the unallocated total', () => {
    const random = seededRandom(20251127);
    const regions = ['11', '24', '27', '28', '32', '44', '52', '53', '75', '76', '84', '93', '94'];
    for (let run = 0; run < 300; run++) {
      const establishments: EligibleEstablishment[] = Array.from({ length: 1 + Math.floor(random() * 40) }, (_, i) => ({
        siret: String(10_000 + i).padStart(14, '0'),
        region: regions[Math.floor(random() * regions.length)],
        shortageTrainings: random() < 0.4 ? Math.floor(random() * 5) : 0,
      }));
      const pools = new Map<string | null, number>();
      for (const r of [...regions.filter(() => random() < 0.5), null]) pools.set(r, Math.floor(random() * 1_000_000_00));
      const total = [...pools.values()].reduce((a, c) => a + c, 0);
      const { lines, undistributedCents } = distributeUnallocated(pools, establishments, { equalShareBp: 4000 });
      expect(undistributedCents).toBe(0);
      expect(lines.reduce((a, l) => a + l.equalCents + l.shortageCents, 0)).toBe(total);
    }
  });

  it('gives 40 % of a region’s funds equally to its establishments and 60 % by shortage trainings', () => {
    const establishments = [
      { siret: 'A', region: '11', shortageTrainings: 3 },
      { siret: 'B', region: '11', shortageTrainings: 0 },
      { siret: 'C', region: '84', shortageTrainings: 1 },
    ];
    const { lines } = distributeUnallocated(new Map([['11', 1000_00]]), establishments, { equalShareBp: 4000 });
    expect(lines).toEqual([
      { siret: 'A', equalCents: 200_00, shortageCents: 450_00 },
      { siret: 'B', equalCents: 200_00, shortageCents: 0 },
      { siret: 'C', equalCents: 0, shortageCents: 150_00 },
    ]);
    expect(distributeUnallocated(new Map([['11', 5]]), [], { equalShareBp: 4000 })).toEqual({ lines: [], undistributedCents: 5 });
  });
});

describe('SOLTéA allocation rules', () => {
  const open: AllocationContext = { periodOpen: true, frozen: false, hasBalance: true, eligible: new Set(['E1', 'E2', 'E3']) };
  const share = (establishmentSiret: string, percent: number): TypedShare => ({ establishmentSiret, percent });

  it.each<[string, TypedShare[], AllocationContext, string | null]>([
    ['60 % + 40 %', [share('E1', 60), share('E2', 40)], open, null],
    ['partial, two decimals', [share('E1', 33.33), share('E2', 33.33)], open, null],
    ['over 100 %', [share('E1', 60), share('E2', 40.01)], open, 'SOLTEA.TOTAL_OVER_100'],
    ['three decimals', [share('E1', 10.125)], open, 'SOLTEA.PERCENT_DECIMALS'],
    ['zero', [share('E1', 0)], open, 'SOLTEA.PERCENT_INVALID'],
    ['negative', [share('E1', -5)], open, 'SOLTEA.PERCENT_INVALID'],
    ['twice the same establishment', [share('E1', 10), share('E1', 10)], open, 'SOLTEA.DUPLICATE_ESTABLISHMENT'],
    ['not eligible', [share('X9', 10)], open, 'SOLTEA.NOT_ELIGIBLE'],
    ['frozen', [share('E1', 10)], { ...open, frozen: true }, 'SOLTEA.CHOICES_FROZEN'],
    ['window closed', [share('E1', 10)], { ...open, periodOpen: false }, 'SOLTEA.WINDOW_CLOSED'],
    ['no balance', [share('E1', 10)], { ...open, hasBalance: false }, 'SOLTEA.NO_BALANCE'],
    ['nothing (clears the choices)', [], open, null],
  ])('%s', (_case, shares, ctx, code) => {
    expect(allocationRefusal(shares, ctx)?.code ?? null).toBe(code);
  });

  it.each([
    [12.34, 1234],
    [0.01, 1],
    [100, 10_000],
    [33.333, null],
  ])('%d %% is %s basis points', (percent, bp) => {
    expect(basisPoints(percent)).toBe(bp);
  });
});
