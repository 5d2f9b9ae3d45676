import { checkSiren, checkSiret, type IdentifierCheck } from '../../domain/identifiers/identifiers.rules';
import { z } from '../http/openapi';

/** A SIREN or SIRET checked as DOMAIN.md says (length, checksum, spreadsheet damage), parsed to its digits. */
const identifier = (check: (raw: string) => IdentifierCheck, example: string) =>
  z
    .string()
    .max(40)
    .transform((raw, ctx) => {
      const result = check(raw);
      if (result.ok) return result.value;
      ctx.addIssue({ code: 'custom', message: result.message, params: { code: result.code } });
      return z.NEVER;
    })
    .openapi({ example });

export const Siret = identifier(checkSiret, '73282932000074');
export const Siren = identifier(checkSiren, '732829320');
