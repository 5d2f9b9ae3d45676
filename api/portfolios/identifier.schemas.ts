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

/** A list filter on an identifier field, spaces allowed (they are dropped). */
const identifierFilter = (pattern: RegExp, message: string, description: string) =>
  z
    .string()
    .max(40)
    .transform((s) => s.replace(/\s/g, ''))
    .pipe(z.string().regex(pattern, message))
    .openapi({ type: 'string', description: `${description}; spaces allowed` });

/** The whole SIRET or its beginning (a SIREN). */
export const SiretFilter = identifierFilter(/^\d{1,14}$/, 'SIRET (ou son début, ex. un SIREN) : chiffres seulement', 'SIRET, or its beginning (a SIREN)');
export const SirenFilter = identifierFilter(/^\d{9}$/, 'SIREN : 9 chiffres', 'SIREN');

/** How a SIRET filter matches: a whole SIRET is an index lookup, a beginning of one a prefix match. */
export const siretMatch = (siret: string | undefined) => (siret === undefined ? undefined : siret.length === 14 ? siret : { $like: `${siret}%` });
