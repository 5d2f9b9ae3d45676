import { DEFAULT_RIGHTS, type CellRights } from './planned-change';

/**
 * A service column's cell in a habilitations file: empty leaves the
 * habilitation as it is, `0` removes it, `1` grants DEFAULT_RIGHTS, and
 * letters among D (déclarer), P (payer), C (consulter) — any order, each
 * once, lower case and spaces accepted: `DC`, `c`, `D P C` — grant exactly
 * those rights. Pure functions.
 */
export type CellValue = { action: 'KEEP' } | { action: 'REVOKE' } | { action: 'GRANT'; rights: CellRights };

/** Rights as three bits, how a plan holds a portfolio's cells: D 1, P 2, C 4. */
export type RightsBits = number;

export const rightsBits = (r: CellRights): RightsBits => (r.canDeclare ? 1 : 0) | (r.canPay ? 2 : 0) | (r.canConsult ? 4 : 0);

/** One frozen object per combination: the changes of a million-line file share eight of them. */
const RIGHTS: readonly CellRights[] = Array.from({ length: 8 }, (_, bits) =>
  Object.freeze({ canDeclare: (bits & 1) !== 0, canPay: (bits & 2) !== 0, canConsult: (bits & 4) !== 0 }),
);

export const rightsOfBits = (bits: RightsBits): CellRights => RIGHTS[bits & 7];

const LETTERS: ReadonlyArray<readonly [string, RightsBits]> = [
  ['D', 1],
  ['P', 2],
  ['C', 4],
];

const KEEP: CellValue = { action: 'KEEP' };
const REVOKE: CellValue = { action: 'REVOKE' };

/** The cell's meaning, or null when it means nothing (the line is then rejected). */
export function readCell(raw: string): CellValue | null {
  const text = raw.replace(/\s/g, '').toUpperCase();
  if (text === '') return KEEP;
  if (text === '0') return REVOKE;
  if (text === '1') return { action: 'GRANT', rights: rightsOfBits(rightsBits(DEFAULT_RIGHTS)) };
  if (!/^[DPC]{1,3}$/.test(text) || new Set(text).size !== text.length) return null;
  const bits = LETTERS.reduce((sum, [letter, bit]) => (text.includes(letter) ? sum | bit : sum), 0);
  return { action: 'GRANT', rights: rightsOfBits(bits) };
}

/** A cell as the model and the export write it: nothing when no habilitation, `1` for the default rights, else its letters in D, P, C order. */
export function cellText(rights: CellRights | undefined): string {
  if (!rights) return '';
  const bits = rightsBits(rights);
  if (bits === rightsBits(DEFAULT_RIGHTS)) return '1';
  return LETTERS.filter(([, bit]) => bits & bit).map(([letter]) => letter).join('');
}
