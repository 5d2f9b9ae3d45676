import { downloadCSV, type Exporter } from 'react-admin';
import { i18nProvider } from './i18nProvider';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
/** Digits Excel would turn into a number: a SIRET (14) or SIREN shown as 8,4E+13, a leading zero dropped. */
const IDENTIFIER = /^(0\d*|\d{12,})$/;
/** Text Excel would take for a formula (CSV injection). */
const FORMULA = /^[=+\-@\t\r]/;

const cell = (value: unknown, locale: string): string => {
  if (value == null) return '';
  if (typeof value === 'boolean') return i18nProvider.translate(`ra.boolean.${value}`);
  if (typeof value === 'number') return new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: 20 }).format(value);
  if (Array.isArray(value)) return value.map((item) => cell(item, locale)).join(', ');
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
 * Every list's export, as French Excel opens it: UTF-8 with its byte order
 * mark, `;` between columns, the columns' labels and the dates in the
 * console's language, identifiers kept as text.
 */
export const exporter: Exporter = (records: Array<Record<string, unknown>>, _fetchRelated, _dataProvider, resource = 'export') => {
  const locale = i18nProvider.getLocale();
  const keys = [...new Set(records.flatMap((record) => Object.keys(record)))];
  const header = keys.map((key) => i18nProvider.translate(`resources.${resource}.fields.${key}`, { _: key }));
  const rows = records.map((record) => keys.map((key) => cell(record[key], locale)));
  const csv = [header, ...rows].map((row) => row.map(quoted).join(';')).join('\r\n');
  downloadCSV(`\ufeff${csv}\r\n`, resource);
};
