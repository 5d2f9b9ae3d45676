import { cellText } from './cell-rights.rules';
import { KEY_COLUMNS } from './habilitations-file.layout';
import type { CellRights } from './planned-change';

/**
 * The model file of a portfolio and the export of its habilitations, in the
 * habilitations file's layout, as French Excel opens and saves them: UTF-8
 * with a byte order mark, `;`, CRLF. The export is written line by line
 * (the header, then one line per declarant × SIRET), so a streamed export
 * holds one page at a time. What it writes reads back unchanged.
 */
const quoted = (text: string) => (/[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/** Fields as one line of the file (no line end). */
export const csvRow = (fields: readonly string[]) => fields.map(quoted).join(';');

/** A SIRET as a text formula, so that the spreadsheet neither writes it 8,42716E+13 nor drops its leading zero (read back by siretCell). */
const siretText = (siret: string) => `="${siret}"`;

/** A name starting like a formula gets a `'` (formula injection), taken off again by nameCell. */
const nameText = (name: string) => (/^[=+\-@]/.test(name) ? `'${name}` : name);

/** The model file: its header alone, the portfolio's service codes as columns. The first chunk of an export too. */
export function habilitationsFileHeader(serviceCodes: readonly string[]): string {
  return `\uFEFF${csvRow([...KEY_COLUMNS, ...serviceCodes])}\r\n`;
}

export interface HabilitationsFileLine {
  siret: string;
  declarant: { siret: string; lastName: string; firstName: string };
  /** The declarant's rights on this SIRET, by service code; a service absent has no habilitation. */
  rights: ReadonlyMap<string, CellRights>;
}

export function habilitationsFileLine(line: HabilitationsFileLine, serviceCodes: readonly string[]): string {
  const { siret, declarant } = line;
  const cells = serviceCodes.map((code) => cellText(line.rights.get(code)));
  return `${csvRow([siretText(siret), siretText(declarant.siret), nameText(declarant.lastName), nameText(declarant.firstName), ...cells])}\r\n`;
}
