/**
 * The NIR's checks as the API makes them (domain/prevention/nir.rules.ts),
 * so that the form says at once, in the console's language, which NIR is
 * wrong: 15 characters once spaces, dots and dashes are dropped; sex, year,
 * month (INSEE special values included), département (2A/2B), commune,
 * order; key = 97 − (n mod 97), Corsica counted 19 (2A) and 18 (2B).
 */
const SEPARATORS = /[\s.-]/g;
const FORMAT = /^[123478]\d{2}(0[1-9]|1[0-2]|[2-3]\d|4[0-2]|[5-9]\d)(\d{2}|2[AB])\d{3}\d{3}\d{2}$/;
const CORSICA: Record<string, string> = { '2A': '19', '2B': '18' };

export type NirProblem = 'PREVENTION.NIR_LENGTH' | 'PREVENTION.NIR_FORMAT' | 'PREVENTION.NIR_KEY';

export const compactNir = (raw: string) => raw.replace(SEPARATORS, '').toUpperCase();

export function nirProblem(raw: string): NirProblem | null {
  const value = compactNir(raw);
  if (value.length !== 15) return 'PREVENTION.NIR_LENGTH';
  if (!FORMAT.test(value)) return 'PREVENTION.NIR_FORMAT';
  const body = value.slice(0, 5) + (CORSICA[value.slice(5, 7)] ?? value.slice(5, 7)) + value.slice(7, 13);
  return Number(value.slice(13)) === 97 - Number(BigInt(body) % 97n) ? null : 'PREVENTION.NIR_KEY';
}
