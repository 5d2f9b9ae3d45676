import type { AllocationRefusal } from '../../domain/soltea/allocation.rules';
import type { MilestoneKey } from '../../domain/soltea/calendar.rules';
import { DomainError } from '../../domain/shared/domain-error';

/**
 * The SOLTéA answers of the API: stable codes (`SOLTEA.*`), French
 * messages, field errors keyed as react-admin forms expect them, and the
 * parameters a console needs (dates as ISO instants) beside the message.
 */

const DAY = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

/** « 17 janvier 2025 » for 2025-01-17. */
export const frenchDay = (date: string) => DAY.format(new Date(`${date}T12:00:00Z`));

export const MILESTONE_LABELS: Record<MilestoneKey, string> = {
  ESTABLISHMENTS_OPEN: 'ouverture des candidatures des établissements',
  ESTABLISHMENTS_CLOSE: 'clôture des candidatures des établissements',
  PERIOD1_OPEN: 'ouverture de la période de désignation 1',
  PERIOD1_CLOSE: 'clôture de la période de désignation 1',
  TRANSFER1: 'versement 1',
  PERIOD2_OPEN: 'ouverture de la période de désignation 2',
  PERIOD2_CLOSE: 'clôture de la période de désignation 2',
  TRANSFER2: 'versement 2',
  UNALLOCATED_DISTRIBUTION: 'répartition des fonds non affectés',
  CAMPAIGN_CLOSE: 'clôture de la campagne',
};

export const invalidField = (field: string, message: string, code = 'VALIDATION.FAILED', details?: Record<string, unknown>) =>
  new DomainError('INVALID', code, message, { [field]: message }, details);

export const noCampaign = (year?: number) =>
  new DomainError(
    'CONFLICT',
    'SOLTEA.NO_CAMPAIGN',
    year === undefined ? 'Aucune campagne SOLTéA n’est en cours.' : `Aucune campagne SOLTéA ${year} n’est en cours.`,
    undefined,
    year === undefined ? {} : { year },
  );

export const campaignNotFound = (year: number) =>
  new DomainError('NOT_FOUND', 'SOLTEA.CAMPAIGN_NOT_FOUND', `La campagne SOLTéA ${year} n’existe pas.`, undefined, { year });

export const campaignExists = (year: number) =>
  new DomainError('CONFLICT', 'SOLTEA.CAMPAIGN_EXISTS', `La campagne SOLTéA ${year} a déjà été lancée : une seule campagne par année.`, undefined, { year });

export const campaignClosed = (year: number) =>
  new DomainError('CONFLICT', 'SOLTEA.CAMPAIGN_CLOSED', `La campagne SOLTéA ${year} est terminée : son calendrier ne bouge plus.`, undefined, { year });

export const unknownCalendar = (version: string, known: readonly string[]) =>
  invalidField('calendarVersion', `Calendrier « ${version} » inconnu : ${known.join(', ')}.`, 'SOLTEA.UNKNOWN_CALENDAR', { known });

export const calendarOfAnotherYear = (version: string, calendarYear: number, year: number) =>
  invalidField('calendarVersion', `Le calendrier « ${version} » est celui de la campagne ${calendarYear}, pas de ${year}.`, 'SOLTEA.CALENDAR_YEAR_MISMATCH', {
    calendarYear,
  });

/** The establishments' window is closed: when it opens (or opened) and closes. */
export const applicationsClosed = (year: number, window: { opensAt: string; closesAt: string; opensOn: string; lastDay: string }, now: Date) =>
  new DomainError(
    'CONFLICT',
    'SOLTEA.WINDOW_CLOSED',
    Date.parse(window.opensAt) > now.getTime()
      ? `Les candidatures des établissements pour ${year} ne sont pas encore ouvertes : elles ouvrent le ${frenchDay(window.opensOn)} et ferment le ${frenchDay(window.lastDay)} au soir.`
      : `Les candidatures des établissements pour ${year} sont closes depuis le ${frenchDay(window.lastDay)} au soir.`,
    undefined,
    { year, window: 'ESTABLISHMENTS', ...window },
  );

/** No designation period is open: when the next one opens (null when none is left). */
export const designationClosed = (year: number, next: { period: 'PERIOD1' | 'PERIOD2'; opensAt: string; closesAt: string; opensOn: string; lastDay: string } | null) =>
  new DomainError(
    'CONFLICT',
    'SOLTEA.WINDOW_CLOSED',
    next
      ? `Aucune période de désignation n’est ouverte : la prochaine ouvre le ${frenchDay(next.opensOn)} et ferme le ${frenchDay(next.lastDay)} au soir.`
      : `Les périodes de désignation de la campagne ${year} sont terminées : les choix ne peuvent plus changer.`,
    undefined,
    { year, window: 'DESIGNATION', period: next?.period ?? null, opensAt: next?.opensAt ?? null, closesAt: next?.closesAt ?? null },
  );

/** Never says whether the SIRET exists or whose it is (DOMAIN.md "Manages needs evidence"). */
export const employerNotFound = () =>
  new DomainError('NOT_FOUND', 'SOLTEA.EMPLOYER_NOT_FOUND', 'Employeur introuvable parmi ceux pour lesquels vous pouvez agir.');

export const supportReadOnly = () =>
  new DomainError('FORBIDDEN', 'SOLTEA.SUPPORT_READ_ONLY', 'Le support consulte les choix des employeurs ; seuls l’employeur ou son tiers déclarant les modifient.');

export const notHabilitated = (siret: string) =>
  new DomainError(
    'FORBIDDEN',
    'SOLTEA.NOT_HABILITATED',
    `Vous n’êtes pas habilité au service SOLTéA Établissements pour le SIRET ${siret} de votre entreprise.`,
    { siret: 'Habilitation SOLTéA Établissements requise sur cet établissement de votre entreprise' },
  );

export const applicationNotFound = () => new DomainError('NOT_FOUND', 'SOLTEA.APPLICATION_NOT_FOUND', 'Candidature introuvable.');

export const applicationExists = (year: number, siret: string) =>
  new DomainError('CONFLICT', 'SOLTEA.APPLICATION_EXISTS', `L’établissement ${siret} a déjà déposé sa candidature pour ${year} : modifiez-la tant qu’elle n’est pas instruite.`, {
    siret: 'Candidature déjà déposée pour cette campagne',
  });

export const applicationDecided = (status: string) =>
  new DomainError(
    'CONFLICT',
    'SOLTEA.APPLICATION_DECIDED',
    status === 'ACCEPTED' ? 'Cette candidature a déjà été acceptée.' : 'Cette candidature a déjà été refusée.',
    undefined,
    { status },
  );

export const groupNotFound = () => new DomainError('NOT_FOUND', 'SOLTEA.GROUP_NOT_FOUND', 'Groupe d’établissements introuvable.');

export const groupNameTaken = (name: string) =>
  new DomainError('CONFLICT', 'SOLTEA.GROUP_NAME_TAKEN', `Votre entreprise a déjà un groupe nommé « ${name} ».`, { name: 'Nom déjà utilisé' });

export const nothingToReplicate = (year: number, dropped: unknown[]) =>
  new DomainError(
    'CONFLICT',
    'SOLTEA.NOTHING_TO_REPLICATE',
    dropped.length
      ? `Aucun des établissements choisis en ${year - 1} n’est éligible en ${year} : vos choix actuels sont inchangés.`
      : `Aucun choix enregistré en ${year - 1} pour cet employeur : vos choix actuels sont inchangés.`,
    undefined,
    { dropped },
  );

const percent = (bp: number) => (bp / 100).toLocaleString('fr-FR', { maximumFractionDigits: 2 });

/** An allocation refusal of the domain (allocation.rules.ts) as the API answers it; the window's own is `designationClosed`. */
export function allocationRefused(refusal: Exclude<AllocationRefusal, { code: 'SOLTEA.WINDOW_CLOSED' }>): DomainError {
  switch (refusal.code) {
    case 'SOLTEA.CHOICES_FROZEN':
      return new DomainError('CONFLICT', refusal.code, 'Vos choix couvraient tout votre solde au versement : ils sont transférés et ne peuvent plus changer.');
    case 'SOLTEA.NO_BALANCE':
      return new DomainError('CONFLICT', refusal.code, 'Aucun solde de taxe d’apprentissage n’est connu pour cet employeur cette année : rien à répartir.');
    case 'SOLTEA.PERCENT_INVALID':
      return invalidField(refusal.field, 'Pourcentage supérieur à 0 et au plus égal à 100 attendu', refusal.code);
    case 'SOLTEA.PERCENT_DECIMALS':
      return invalidField(refusal.field, 'Deux décimales au plus (ex. 33,33)', refusal.code);
    case 'SOLTEA.DUPLICATE_ESTABLISHMENT':
      return invalidField(refusal.field, 'Établissement déjà choisi plus haut : une ligne par établissement', refusal.code);
    case 'SOLTEA.NOT_ELIGIBLE':
      return invalidField(refusal.field, 'Établissement non éligible cette année (candidature absente ou non acceptée)', refusal.code);
    case 'SOLTEA.TOTAL_OVER_100':
      return invalidField('allocations', `Le total fait ${percent(refusal.totalBp)} % : il ne peut dépasser 100 %`, refusal.code, { totalPercent: refusal.totalBp / 100 });
  }
}

/** Refusals of the campaign's `moveMilestone` validator that are about the request itself (400); the others are about the calendar's state (409). */
const MOVE_REQUEST_FIELDS: Record<string, (r: MoveRefusalDetails, moves: { milestone: string }[]) => string> = {
  'SOLTEA.MOVE_REASON_REQUIRED': () => 'reason',
  'SOLTEA.MOVE_LEGAL_REFERENCE_REQUIRED': () => 'legalReference',
  'SOLTEA.MOVE_EMPTY': () => 'moves',
  'SOLTEA.MOVE_DUPLICATE': (r, moves) => `moves.${lastIndexOf(moves, r.milestone)}.milestone`,
  'SOLTEA.MOVE_BAD_DATE': (r, moves) => `moves.${moves.findIndex((m) => m.milestone === r.milestone)}.date`,
};

interface MoveRefusalDetails {
  code: string;
  milestone?: MilestoneKey;
  mustFollow?: MilestoneKey;
  days?: number;
}

const lastIndexOf = (moves: { milestone: string }[], milestone?: string) => moves.map((m) => m.milestone).lastIndexOf(milestone ?? '');

function moveMessage(r: MoveRefusalDetails): string {
  const label = (key?: MilestoneKey) => (key ? `« ${MILESTONE_LABELS[key]} »` : 'ce jalon');
  switch (r.code) {
    case 'SOLTEA.MOVE_REASON_REQUIRED':
      return 'Indiquez le motif du déplacement.';
    case 'SOLTEA.MOVE_LEGAL_REFERENCE_REQUIRED':
      return 'Indiquez la référence du texte qui le décide (ex. arrêté du 6 octobre 2023).';
    case 'SOLTEA.MOVE_EMPTY':
      return 'Choisissez au moins un jalon à déplacer.';
    case 'SOLTEA.MOVE_DUPLICATE':
      return `Le jalon ${label(r.milestone)} figure deux fois.`;
    case 'SOLTEA.MOVE_BAD_DATE':
      return `Date invalide pour ${label(r.milestone)} : AAAA-MM-JJ attendu.`;
    case 'SOLTEA.MILESTONE_PASSED':
      return `Le jalon ${label(r.milestone)} est déjà passé : il ne se déplace plus.`;
    case 'SOLTEA.MOVE_INTO_PAST':
      return `La nouvelle date de ${label(r.milestone)} est passée : choisissez une date future.`;
    case 'SOLTEA.MOVE_ORDER':
      return `Le jalon ${label(r.milestone)} doit venir après ${label(r.mustFollow)}.`;
    case 'SOLTEA.DESIGNATION_TOO_SHORT':
      return `Les périodes de désignation dureraient ${r.days ?? '?'} jours en tout : deux mois au moins sont requis.`;
    case 'SOLTEA.CAMPAIGN_CLOSED':
      return 'La campagne est terminée : son calendrier ne bouge plus.';
    default:
      return `Déplacement refusé (${r.code}).`;
  }
}

/** The campaign validator's refusal (an ApplicationFailure whose type is its code, the refusal in its details) as the API answers it. */
export function moveRefused(refusal: MoveRefusalDetails, moves: { milestone: string }[]): DomainError {
  const message = moveMessage(refusal);
  const { code, ...params } = refusal;
  const field = MOVE_REQUEST_FIELDS[code]?.(refusal, moves);
  return field
    ? new DomainError('INVALID', code, message, { [field]: message }, params)
    : new DomainError('CONFLICT', code, message, refusal.milestone ? { [`moves.${moves.findIndex((m) => m.milestone === refusal.milestone)}.date`]: message } : undefined, params);
}
