import type { EntityManager } from '@mikro-orm/postgresql';
import { Establishment } from '../company/establishment.entity';
import { SolteaAllocation, SolteaAllocationEvent, SolteaApplication, SolteaBalance } from '../soltea/soltea.entities';

/**
 * Idempotent SOLTéA demo data for the coming campaign (run after
 * seedDemoRights): eligible schools and one awaiting support's decision,
 * Boulangerie Martin's shop applying as a training centre, the balances of
 * its establishments, of the client whose DSN it files (already allocated
 * half to a school, half to the shop) and of an unrelated firm (support
 * only). The campaign itself is started by its Schedule, or by support from
 * « Campagnes SOLTéA »; its windows then open on these rows.
 */
const HEAD_OFFICE = '84271640900011';
const SHOP = '84271640900029';
const CLIENT_FILED = '53210987300010';
const UNRELATED = '10000000900017';
const CFA_BOUCHE = '19690001300018';

const SCHOOLS = [
  { siret: CFA_BOUCHE, name: 'CFA des Métiers de Bouche', uai: '0691874F', city: 'Lyon', region: '84', shortageTrainings: 3, bankDetailsPresent: true, status: 'ACCEPTED' },
  { siret: '19690001300026', name: 'Lycée hôtelier François-Rabelais', uai: '0692566W', city: 'Dardilly', region: '84', shortageTrainings: 1, bankDetailsPresent: true, status: 'ACCEPTED' },
  { siret: '19350002200010', name: 'Lycée professionnel Jean-Moulin', uai: '0351234K', city: 'Rennes', region: '53', shortageTrainings: 0, bankDetailsPresent: false, status: 'ACCEPTED' },
  { siret: '77567890700012', name: 'École de production du Bâtiment', uai: '0134567C', city: 'Marseille', region: '93', shortageTrainings: 2, bankDetailsPresent: true, status: 'SUBMITTED' },
  { siret: SHOP, name: 'Fournil-école Martin', uai: '0694152M', city: 'Villeurbanne', region: '84', shortageTrainings: 1, bankDetailsPresent: true, status: 'ACCEPTED' },
] as const;

const BALANCES = [
  { employerSiret: HEAD_OFFICE, employerName: 'Boulangerie Martin — Siège', region: '84', amountCents: 1_234_567 },
  { employerSiret: SHOP, employerName: 'Boulangerie Martin — Boutique Villeurbanne', region: '84', amountCents: 248_000 },
  { employerSiret: CLIENT_FILED, employerName: 'Pâtisserie Lefèvre', region: '84', amountCents: 560_000 },
  { employerSiret: UNRELATED, employerName: 'Transports Garnier', region: '11', amountCents: 300_000 },
];

const CLIENT_CHOICES = [
  { establishmentSiret: CFA_BOUCHE, shareBp: 5_000 },
  { establishmentSiret: SHOP, shareBp: 5_000 },
];

/** The campaign the demo prepares: next year's once its Schedule has fired (1 November by default), else this year's. */
export function demoSolteaYear(now: Date): number {
  const [year, month] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit' }).format(now).split('-').map(Number);
  return month >= 11 ? year + 1 : year;
}

export async function seedDemoSoltea(em: EntityManager, now = new Date()): Promise<number> {
  const year = demoSolteaYear(now);
  for (const school of SCHOOLS) {
    if (await em.findOne(SolteaApplication, { year, siret: school.siret })) continue;
    const establishment = await em.findOne(Establishment, { siret: school.siret });
    em.create(SolteaApplication, { year, ...school, category: 'CFA', company: establishment?.company ?? null, decidedAt: school.status === 'ACCEPTED' ? now : null });
  }
  for (const balance of BALANCES) {
    if (await em.findOne(SolteaBalance, { year, employerSiret: balance.employerSiret })) continue;
    em.create(SolteaBalance, { year, ...balance, employerSiren: balance.employerSiret.slice(0, 9) });
  }
  if (!(await em.count(SolteaAllocation, { year, employerSiret: CLIENT_FILED }))) {
    for (const choice of CLIENT_CHOICES) em.create(SolteaAllocation, { year, employerSiret: CLIENT_FILED, ...choice });
    em.create(SolteaAllocationEvent, { year, employerSiret: CLIENT_FILED, totalBp: CLIENT_CHOICES.reduce((a, c) => a + c.shareBp, 0), at: now });
  }
  await em.flush();
  return year;
}
