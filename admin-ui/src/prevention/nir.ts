import { checkNir, type NirErrorCode } from '../../../domain/prevention/nir.rules';

/**
 * The NIR's check is the API's own rule (domain/prevention/nir.rules.ts, pure),
 * so the form says at once, in the console's language, which NIR is wrong.
 */
export type NirProblem = NirErrorCode;

export function nirProblem(raw: string): NirProblem | null {
  const result = checkNir(raw);
  return result.ok ? null : result.code;
}

/** The NIR as the API stores it (separators dropped, 2A/2B upper-case), or as typed when it is not one. */
export function compactNir(raw: string): string {
  const result = checkNir(raw);
  return result.ok ? result.value : raw;
}
