import { waitingReasonText } from './departures/waitingReason';
import type { EnumName } from './enums';
import type { Departure } from './types';

/** react-admin's translate, as the CSV needs it (`_`: the text when the key is missing). */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface CsvContext {
  translate: Translate;
  locale: string;
  /** A declarative service's label by its code (the catalogue), for the columns listing services. */
  serviceLabels?: ReadonlyMap<string, string>;
}

type Label = (value: unknown, context: CsvContext) => string;

const enumLabel =
  (name: EnumName): Label =>
  (value, { translate }) =>
    translate(`app.enums.${name}.${value}`, { _: String(value) });

const keyLabel =
  (prefix: string): Label =>
  (value, { translate }) =>
    translate(`${prefix}.${value}`, { _: String(value) });

/** A service by its label and code (« Mon Compte Formation — abondement (MCF) », a label that names its code as it is); the code alone when the catalogue lacks it. */
const serviceLabel: Label = (code, { serviceLabels }) => {
  const label = serviceLabels?.get(String(code));
  if (!label) return String(code);
  return label.includes(`(${code})`) ? label : `${label} (${code})`;
};

const account = { role: enumLabel('role'), status: enumLabel('accountStatus'), adminStatus: enumLabel('adminStatus') };

/**
 * The columns of each list that hold codes, exported with the labels the
 * list shows (statuses, phases, roles, services, audit actions, reasons);
 * every other column as it comes.
 */
export const CODED_COLUMNS: Record<string, Record<string, Label>> = {
  companies: { status: enumLabel('companyStatus') },
  establishments: { status: enumLabel('establishmentStatus') },
  accounts: account,
  declarants: account,
  portfolios: { kind: enumLabel('portfolioKind'), serviceCodes: serviceLabel },
  services: { accessMode: enumLabel('accessMode') },
  registrations: { workflowStatus: enumLabel('workflowStatus'), phase: enumLabel('registrationPhase') },
  workflows: { type: enumLabel('workflowType'), status: enumLabel('workflowStatus'), phase: enumLabel('workflowPhase'), awaitedRole: enumLabel('awaitedRole') },
  tasks: { type: enumLabel('workflowType'), status: enumLabel('workflowStatus'), phase: enumLabel('workflowPhase'), awaitedRole: enumLabel('awaitedRole') },
  incidents: { workflowType: enumLabel('workflowType'), activityType: keyLabel('app.activities') },
  'audit-events': { action: keyLabel('app.audit.actions'), targetType: keyLabel('app.audit.targets') },
  candidacies: { status: enumLabel('candidacyStatus'), route: enumLabel('candidacyRoute') },
  letters: { status: enumLabel('letterStatus') },
  arrivals: { role: enumLabel('arrivalRole'), status: enumLabel('arrivalStatus'), rightsMode: enumLabel('arrivalRightsMode') },
  departures: {
    status: enumLabel('departureStatus'),
    rightsMode: enumLabel('departureRightsMode'),
    waitingReason: (reason, { translate }) => waitingReasonText(reason as NonNullable<Departure['waitingReason']>, translate),
  },
  outbox: { status: enumLabel('mailStatus') },
};

/** Whether a list has columns of declarative services (their labels come from the catalogue). */
export const listsServices = (resource: string) => Object.values(CODED_COLUMNS[resource] ?? {}).includes(serviceLabel);

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
/** Digits Excel would turn into a number: a SIRET (14) or SIREN shown as 8,4E+13, a leading zero dropped. */
const IDENTIFIER = /^(0\d*|\d{12,})$/;
/** Text Excel would take for a formula (CSV injection). */
const FORMULA = /^[=+\-@\t\r]/;

const cell = (value: unknown, context: CsvContext, label?: Label): string => {
  if (value == null) return '';
  if (Array.isArray(value)) return value.map((item) => cell(item, context, label)).join(', ');
  if (label) return cell(label(value, context), context);
  const { translate, locale } = context;
  if (typeof value === 'boolean') return translate(`ra.boolean.${value}`);
  if (typeof value === 'number') return new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: 20 }).format(value);
  if (typeof value === 'object') return JSON.stringify(value);
  const text = String(value);
  if (DAY.test(text)) return new Intl.DateTimeFormat(locale, { timeZone: 'UTC' }).format(new Date(text));
  if (INSTANT.test(text) && !Number.isNaN(Date.parse(text))) {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' }).format(new Date(text));
  }
  if (IDENTIFIER.test(text)) return `="${text}"`;
  return FORMULA.test(text) ? `'${text}` : text;
};

const quoted = (text: string) => (/[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/**
 * A list's records as French Excel opens them: UTF-8 with its byte order
 * mark, `;` between columns, the columns' labels, the coded values' labels
 * and the dates in the console's language, identifiers kept as text.
 */
export function frenchExcelCsv(records: Array<Record<string, unknown>>, resource: string, context: CsvContext): string {
  const keys = [...new Set(records.flatMap((record) => Object.keys(record)))];
  const labels = CODED_COLUMNS[resource] ?? {};
  const header = keys.map((key) => context.translate(`resources.${resource}.fields.${key}`, { _: key }));
  const rows = records.map((record) => keys.map((key) => cell(record[key], context, labels[key])));
  return `\ufeff${[header, ...rows].map((row) => row.map(quoted).join(';')).join('\r\n')}\r\n`;
}
