/**
 * NIR (numéro d'inscription au répertoire, "numéro de sécurité sociale") of a
 * learner in a Passeport de prévention declaration: format, INSEE special
 * values, Corsica, control key, and how it is shown to others. Pure functions.
 */
export type NirErrorCode = 'PREVENTION.NIR_LENGTH' | 'PREVENTION.NIR_FORMAT' | 'PREVENTION.NIR_KEY';

export type NirCheck = { ok: true; value: string } | { ok: false; code: NirErrorCode; message: string };

const NIR_LENGTH = 15;

/** Separators people type or paste between the groups of a NIR. */
const SEPARATORS = /[\s.-]/g;

/**
 * sex (1, 2; 3, 4, 7, 8 provisional) · year · month (01–12, 20–42, 50–99) ·
 * département (2 digits, 2A, 2B) · commune · order · key.
 */
const NIR_FORMAT = /^[123478]\d{2}(0[1-9]|1[0-2]|[2-3]\d|4[0-2]|[5-9]\d)(\d{2}|2[AB])\d{3}\d{3}\d{2}$/;

/** Corsica's départements count as 19 (2A) and 18 (2B) in the key. */
const CORSICA: Record<string, string> = { '2A': '19', '2B': '18' };

function fail(code: NirErrorCode, message: string): NirCheck {
  return { ok: false, code, message };
}

/** The control key of a NIR's 13 first characters: 97 − (n mod 97), 2A → 19 and 2B → 18. */
function nirKey(body: string): number {
  const digits = body.slice(0, 5) + (CORSICA[body.slice(5, 7)] ?? body.slice(5, 7)) + body.slice(7);
  return 97 - Number(BigInt(digits) % 97n);
}

/** Spaces, dots and dashes are ignored; 15 characters: sex (1, 2, or 3/4/7/8 for provisional numbers), year 2 digits, month (01–12, or 20–42 / 50–99 INSEE special values), département (2 digits, or 2A/2B for Corsica, case-insensitive → stored upper-case), commune 3 digits, order 3 digits, key 2 digits = 97 − (n mod 97) where n is the 13 first characters as a number with 2A → 19 and 2B → 18. value = the 15 characters without separators, upper-case. */
export function checkNir(raw: string): NirCheck {
  const value = raw.replace(SEPARATORS, '').toUpperCase();
  if (value.length !== NIR_LENGTH) {
    return fail('PREVENTION.NIR_LENGTH', `Un NIR compte ${NIR_LENGTH} caractères, clé comprise (reçu : ${value.length}).`);
  }
  if (!NIR_FORMAT.test(value)) {
    return fail(
      'PREVENTION.NIR_FORMAT',
      'NIR mal formé : sexe (1, 2, 3, 4, 7 ou 8), année, mois, département (2 chiffres, 2A ou 2B), commune, numéro d’ordre et clé sont attendus.',
    );
  }
  const key = nirKey(value.slice(0, 13));
  if (Number(value.slice(13)) !== key) {
    return fail('PREVENTION.NIR_KEY', 'NIR invalide : la clé de contrôle ne correspond pas (vérifiez chaque chiffre).');
  }
  return { ok: true, value };
}

/** What anyone but the declarer and the learner's employer sees: sex and birth year only, e.g. '1 85 •• •• ••• ••• ••' for '185057800608436'. */
export function maskNir(nir: string): string {
  const value = nir.replace(SEPARATORS, '');
  const hidden = '•• •• ••• ••• ••';
  // Something that is not a NIR shows nothing at all.
  if (value.length !== NIR_LENGTH) return `• •• ${hidden}`;
  return `${value.slice(0, 1)} ${value.slice(1, 3)} ${hidden}`;
}
