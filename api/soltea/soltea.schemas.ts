import { MILESTONES } from '../../domain/soltea/calendar.rules';
import { APPLICATION_STATUSES, CAMPAIGN_STATUSES, RUN_STATUSES, TRANSFER_STATUSES, TRANSFER_STEPS } from '../../domain/soltea/soltea.entities';
import { CalendarDay } from '../arrivals/arrivals.schemas';
import { oneOrMany } from '../http/filter-schemas';
import { idsFilter } from '../http/list-query';
import { z } from '../http/openapi';
import { Siret, SiretFilter } from '../portfolios/identifier.schemas';

/** SOLTéA's request and answer shapes (campaigns, runs, applications, balances, allocations, groups, transfers). */

export const Year = z.number().int('Année entière attendue').min(2020, 'Année 2020 ou après').max(2100, 'Année 2100 au plus').openapi({ example: 2026 });

/** A year in a path or a query string. */
export const YearText = z
  .string()
  .regex(/^\d{4}$/, 'Année sur 4 chiffres attendue')
  .transform(Number)
  .pipe(Year)
  .openapi({ type: 'string', example: '2026' });

export const YearParams = z.object({ year: YearText });
export const YearQuery = z.object({ year: YearText });
export const IdParams = z.object({ id: z.string().uuid('Identifiant invalide') });

/** The 18 INSEE region codes (2016 map; overseas 01–06). */
export const INSEE_REGIONS = ['01', '02', '03', '04', '06', '11', '24', '27', '28', '32', '44', '52', '53', '75', '76', '84', '93', '94'] as const;
export const Region = z.enum(INSEE_REGIONS, { error: `Code région INSEE attendu : ${INSEE_REGIONS.join(', ')}` });

const Search = z.string().trim().max(100);
const Instant = z.string().datetime();

// ---- campaigns -------------------------------------------------------------

const MilestoneKey = z.enum(MILESTONES);

export const CalendarRecord = z
  .object({
    year: z.number().int(),
    version: z.string().openapi({ description: '`default-2025-shifted`, `arrete-2024`…, then `…+N` after N moves' }),
    milestones: z.record(MilestoneKey, z.object({ date: z.string().openapi({ description: 'The day people read (a closing’s last day)' }), at: Instant })),
    reminderDaysBefore: z.array(z.number().int()),
    unallocatedEqualShareBp: z.number().int().optional().openapi({ description: 'Share of the unallocated funds given equally within each region, in basis points (absent: 4000)' }),
  })
  .openapi('SolteaCalendar');

/** What a calendar makes the campaign do, in order: milestones and reminders, each saying whether its date is past. */
const CampaignSteps = z.array(z.object({ key: z.string(), at: Instant, milestone: MilestoneKey.nullable(), past: z.boolean() }));

export const CampaignFilter = z.object({ status: oneOrMany(z.enum(CAMPAIGN_STATUSES)), year: Year.optional() });
export const CampaignIds = idsFilter(Year);

export const CampaignRecord = z
  .object({
    id: z.number().int().openapi({ description: 'The year' }),
    year: z.number().int(),
    workflowId: z.string(),
    status: z.enum(CAMPAIGN_STATUSES),
    phase: z.string().openapi({ description: 'The last step done (STARTED before the first)' }),
    calendarVersion: z.string(),
    nextStep: z.string().nullable(),
    nextStepAt: Instant.nullable(),
    startedAt: Instant,
    closedAt: Instant.nullable(),
  })
  .openapi('SolteaCampaign');

const MoveRecord = z.object({
  at: Instant,
  actorId: z.string(),
  reason: z.string(),
  legalReference: z.string(),
  moves: z.array(z.object({ milestone: MilestoneKey, from: z.string(), to: z.string() })),
  version: z.string(),
});

export const RunRecord = z
  .object({
    id: z.string(),
    year: z.number().int(),
    step: z.string(),
    status: z.enum(RUN_STATUSES),
    startedAt: Instant,
    endedAt: Instant.nullable(),
    counts: z.record(z.string(), z.number()),
    failureCount: z.number().int(),
  })
  .openapi('SolteaRun');

export const RunDetail = RunRecord.extend({
  failures: z
    .array(z.object({ item: z.string(), code: z.string(), params: z.record(z.string(), z.unknown()).nullable(), at: Instant }))
    .openapi({ description: 'The first 1000 failures, oldest first (failureCount has them all)' }),
}).openapi('SolteaRunDetail');

export const RunFilter = z.object({ year: Year.optional(), step: z.string().trim().max(64).optional(), status: oneOrMany(z.enum(RUN_STATUSES)) });

const WindowRecord = z.object({ open: z.boolean(), opensAt: Instant, closesAt: Instant, opensOn: z.string(), lastDay: z.string() });

export const CampaignDetail = CampaignRecord.extend({
  calendar: CalendarRecord,
  steps: CampaignSteps.openapi({ description: 'The steps of its current calendar, in order (milestones and reminders)' }),
  moves: z.array(MoveRecord).openapi({ description: 'The timeline of moves: before, after, who, why, legal reference' }),
  report: z.record(z.string(), z.unknown()).nullable(),
  windows: z.object({ ESTABLISHMENTS: WindowRecord, PERIOD1: WindowRecord, PERIOD2: WindowRecord }),
  runs: z.array(RunRecord),
  live: z
    .object({
      phase: z.string(),
      status: z.enum(CAMPAIGN_STATUSES),
      running: z.string().nullable(),
      next: z.object({ key: z.string(), at: Instant }).nullable(),
      fired: z.array(z.string()),
      counts: z.object({ establishmentsEligible: z.number(), employersWithBalance: z.number(), shareAllocatedBp: z.number(), remindersSent: z.number() }),
    })
    .nullable()
    .openapi({ description: 'The running workflow’s `status` query; null when it cannot be reached (or the campaign is over)' }),
}).openapi('SolteaCampaignDetail');

export const CampaignBody = z
  .object({
    year: Year,
    calendarVersion: z.string().trim().max(64).optional().openapi({ description: 'A known calendar (arrete-2023-10-06, arrete-2024, calendar-2025); default: 2025’s, shifted to the year' }),
    reminderDaysBefore: z.array(z.number().int().min(1).max(60)).min(1).max(5).optional().openapi({ description: 'Reminders this many days before each period closes (default 7 and 2)' }),
    unallocatedEqualShareBp: z.number().int().min(0).max(10_000).optional().openapi({ description: 'The year’s equal share of the unallocated funds within each region, in basis points (default 4000 = 40 %; the rest goes to shortage-occupation trainings)' }),
  })
  .openapi('SolteaCampaignStart');

export const CampaignPreview = z
  .object({
    year: z.number().int(),
    calendar: CalendarRecord,
    steps: CampaignSteps.openapi({ description: 'What the campaign would do, in order: milestones and reminders; a past step runs as soon as the campaign starts' }),
  })
  .openapi('SolteaCampaignPreview');

export const CampaignStarted = z.object({ year: z.number().int(), workflowId: z.string(), calendar: CalendarRecord }).openapi('SolteaCampaignStarted');

export const MoveBody = z
  .object({
    moves: z.array(z.object({ milestone: MilestoneKey, date: CalendarDay })).max(MILESTONES.length),
    reason: z.multilineText().max(2000),
    legalReference: z.string().max(300).openapi({ example: 'arrêté du 6 octobre 2023' }),
  })
  .openapi('SolteaMilestoneMoves');

export const MoveAnswer = z
  .object({ year: z.number().int(), calendar: CalendarRecord, moves: z.array(MoveRecord), next: z.object({ key: z.string(), at: Instant }).nullable() })
  .openapi('SolteaMilestoneMoved');

export const AllocationProgress = z.array(z.object({ day: z.string(), shareAllocatedBp: z.number().int() })).openapi('SolteaAllocationProgress');

// ---- applications ----------------------------------------------------------

const Uai = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^\d{7}[A-Z]$/, 'UAI : 7 chiffres et une lettre (ex. 0751234A)')
  .openapi({ example: '0751234A' });
const text = (label: string, max: number) => z.string().trim().min(1, `${label} obligatoire`).max(max, `${label} : ${max} caractères au plus`);
const ShortageTrainings = z.number().int('Nombre entier attendu').min(0).max(10_000);

const applicationFields = {
  uai: Uai,
  name: text('Nom', 200),
  city: text('Commune', 100),
  region: Region,
  category: text('Catégorie', 100).openapi({ example: 'CFA' }),
  shortageTrainings: ShortageTrainings.openapi({ description: 'Trainings it offers for occupations in shortage (the 60 % of the unallocated funds)' }),
  bankDetailsPresent: z.boolean(),
};

export const ApplicationCreate = z
  .object({
    year: Year.optional().openapi({ description: 'The campaign; default: the one whose establishments’ window is open' }),
    siret: Siret,
    ...applicationFields,
    shortageTrainings: applicationFields.shortageTrainings.default(0),
    bankDetailsPresent: applicationFields.bankDetailsPresent.default(false),
  })
  .openapi('SolteaApplicationCreate');

export const ApplicationUpdate = z.object(applicationFields).partial().openapi('SolteaApplicationUpdate');

export const RefuseBody = z.object({ reason: z.multilineText().trim().min(1, 'Motif obligatoire').max(2000) }).openapi('SolteaApplicationRefusal');

export const ApplicationFilter = z.object({
  year: Year.optional(),
  status: oneOrMany(z.enum(APPLICATION_STATUSES)),
  region: oneOrMany(Region),
  siret: SiretFilter.optional(),
  q: Search.optional().openapi({ description: 'Name, UAI, city or SIRET' }),
});

/** What an application says of its establishment: the eligible list shows the same. */
const EstablishmentFields = {
  year: z.number().int(),
  siret: z.string(),
  uai: z.string(),
  name: z.string(),
  city: z.string(),
  region: z.string(),
  category: z.string(),
  shortageTrainings: z.number().int(),
  bankDetailsPresent: z.boolean(),
};

export const ApplicationRecord = z
  .object({
    id: z.string(),
    ...EstablishmentFields,
    status: z.enum(APPLICATION_STATUSES),
    refusalReason: z.string().nullable(),
    companyId: z.string().nullable(),
    createdAt: Instant,
    updatedAt: Instant,
    decidedAt: Instant.nullable(),
    editable: z.boolean().openapi({ description: 'SUBMITTED and its window open: the establishment may still change it' }),
  })
  .openapi('SolteaApplication');

export const EstablishmentFilter = z.object({
  year: Year.optional().openapi({ description: 'Default: the running campaign whose designation period is open, else the latest' }),
  region: oneOrMany(Region),
  q: Search.optional().openapi({ description: 'Name, UAI, city or SIRET' }),
});
export const SiretIds = idsFilter(z.string().regex(/^\d{14}$/, 'SIRET : 14 chiffres'));

export const EstablishmentRecord = z
  .object({
    id: z.string().openapi({ description: 'The SIRET' }),
    ...EstablishmentFields,
  })
  .openapi('SolteaEstablishment');

// ---- balances --------------------------------------------------------------

export const BalanceFilter = z.object({
  year: Year.optional(),
  employerSiret: SiretFilter.optional(),
  frozen: z.boolean().optional(),
  q: Search.optional().openapi({ description: 'Name or SIRET' }),
});

export const BalanceRecord = z
  .object({
    id: z.string(),
    year: z.number().int(),
    employerSiret: z.string(),
    employerSiren: z.string(),
    employerName: z.string(),
    region: z.string().nullable(),
    amountCents: z.number().int(),
    contactEmail: z.string().nullable(),
    frozen: z.boolean(),
    frozenAt: Instant.nullable(),
    updatedAt: Instant,
  })
  .openapi('SolteaBalance');

// ---- allocations -----------------------------------------------------------

export const EmployerParams = z.object({ employerSiret: Siret });

export const AllocationBody = z
  .object({
    year: Year,
    allocations: z
      .array(z.object({ establishmentSiret: Siret, percent: z.number().openapi({ description: 'Up to two decimals; the set totals at most 100' }) }))
      .max(1000),
  })
  .openapi('SolteaAllocationSet');

export const ReplicateBody = z.object({ year: Year }).openapi('SolteaAllocationReplicate');

const DesignationRecord = z.object({
  open: z.boolean(),
  period: z.enum(['PERIOD1', 'PERIOD2']).nullable(),
  closesAt: Instant.nullable(),
  next: z.object({ period: z.enum(['PERIOD1', 'PERIOD2']), opensAt: Instant, closesAt: Instant, opensOn: z.string(), lastDay: z.string() }).nullable(),
});

export const AllocationRecord = z
  .object({
    id: z.string().openapi({ description: 'The employer SIRET' }),
    year: z.number().int(),
    employerSiret: z.string(),
    employerName: z.string().nullable(),
    balanceCents: z.number().int(),
    frozen: z.boolean(),
    allocations: z.array(
      z.object({
        establishmentSiret: z.string(),
        name: z.string().nullable(),
        uai: z.string().nullable(),
        city: z.string().nullable(),
        percent: z.number(),
        amountCents: z.number().int().openapi({ description: 'Its part of the balance now (largest remainder: the parts and unallocatedCents sum to the balance)' }),
      }),
    ),
    totalPercent: z.number(),
    unallocatedCents: z.number().int(),
    designation: DesignationRecord,
  })
  .openapi('SolteaAllocation');

export const ReplicateAnswer = AllocationRecord.extend({
  dropped: z.array(z.object({ establishmentSiret: z.string(), name: z.string().nullable(), percent: z.number() })).openapi({
    description: 'Last year’s choices left out: establishments not eligible this year',
  }),
}).openapi('SolteaAllocationReplicated');

// ---- groups ----------------------------------------------------------------

export const GroupCreate = z
  .object({ name: text('Nom', 100), establishmentSirets: z.array(Siret).min(1, 'Choisissez au moins un établissement').max(100, '100 établissements au plus') })
  .openapi('SolteaGroupCreate');

export const GroupFilter = z.object({ q: Search.optional() });

export const GroupRecord = z
  .object({ id: z.string(), companyId: z.string(), name: z.string(), establishmentSirets: z.array(z.string()), createdAt: Instant })
  .openapi('SolteaGroup');

// ---- transfers -------------------------------------------------------------

export const TransferFilter = z.object({
  year: Year.optional(),
  establishmentSiret: SiretFilter.optional(),
  employerSiret: SiretFilter.optional(),
  step: oneOrMany(z.enum(TRANSFER_STEPS)),
  status: oneOrMany(z.enum(TRANSFER_STATUSES)),
});

export const TransferRecord = z
  .object({
    id: z.string(),
    year: z.number().int(),
    step: z.enum(TRANSFER_STEPS),
    employerSiret: z.string().nullable().openapi({ description: 'Null for the distribution of unallocated funds' }),
    establishmentSiret: z.string(),
    amountCents: z.number().int(),
    status: z.enum(TRANSFER_STATUSES),
    createdAt: Instant,
  })
  .openapi('SolteaTransfer');

const Cents = z.number().int();

export const TransferProjection = z
  .object({
    year: z.number().int(),
    siret: z.string(),
    bankDetailsPresent: z.boolean().openapi({ description: 'Without bank details an amount due is recorded NOT_PAID_NO_BANK_DETAILS' }),
    steps: z.array(
      z.object({
        step: z.enum(TRANSFER_STEPS),
        on: z.string().nullable().openapi({ description: 'The step’s day on the campaign’s calendar (YYYY-MM-DD), null without a campaign' }),
        done: z.boolean().openapi({ description: 'The step’s run report is closed' }),
        paidCents: Cents,
        notPaidCents: Cents,
        employers: z.number().int().openapi({ description: 'Employers whose balance the step’s rows come from' }),
        lastAt: Instant.nullable(),
        projected: z
          .object({ cents: Cents, employers: z.number().int() })
          .nullable()
          .openapi({ description: 'For a transfer still to run: what it would pay if balances and choices stayed as they are now; null once run, for the distribution (it depends on every final choice), or for an application not accepted' }),
      }),
    ),
  })
  .openapi('SolteaTransferProjection');
