/**
 * SIREN / SIRET validation: length, Luhn checksum, the La Poste exception and
 * the damage spreadsheets do to long numbers. Pure functions.
 */
export const LA_POSTE_SIREN = '356000000';
export const LA_POSTE_HEAD_OFFICE_SIRET = '35600000000048';

export type IdentifierErrorCode =
  | 'IDENTIFIER.EMPTY'
  | 'IDENTIFIER.NOT_DIGITS'
  | 'IDENTIFIER.SCIENTIFIC_NOTATION'
  | 'IDENTIFIER.LEADING_ZERO_LOST'
  | 'IDENTIFIER.WRONG_LENGTH'
  | 'IDENTIFIER.CHECKSUM';

export type IdentifierCheck =
  | { ok: true; value: string }
  | { ok: false; code: IdentifierErrorCode; message: string };

type Kind = 'SIREN' | 'SIRET';
const LENGTH: Record<Kind, number> = { SIREN: 9, SIRET: 14 };

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function digitSum(digits: string): number {
  let sum = 0;
  for (const c of digits) sum += c.charCodeAt(0) - 48;
  return sum;
}

function fail(code: IdentifierErrorCode, message: string): IdentifierCheck {
  return { ok: false, code, message };
}

function checkFormat(kind: Kind, raw: string): IdentifierCheck {
  const value = raw.replace(/[\s\u00a0.]/g, '');
  const length = LENGTH[kind];
  if (raw.trim() === '') return fail('IDENTIFIER.EMPTY', `${kind} manquant.`);
  if (/^\d+([.,]\d+)?E\+?\d+$/i.test(raw.trim())) {
    return fail(
      'IDENTIFIER.SCIENTIFIC_NOTATION',
      `${kind} « ${raw.trim()} » écrit en notation scientifique par un tableur : formatez la colonne en texte et ressaisissez le numéro.`,
    );
  }
  if (!/^\d+$/.test(value)) {
    return fail('IDENTIFIER.NOT_DIGITS', `Le ${kind} ne doit contenir que des chiffres.`);
  }
  if (value.length === length - 1) {
    return fail(
      'IDENTIFIER.LEADING_ZERO_LOST',
      `${kind} de ${value.length} chiffres : un tableur a probablement supprimé le zéro initial (essayez 0${value}).`,
    );
  }
  if (value.length !== length) {
    return fail('IDENTIFIER.WRONG_LENGTH', `Un ${kind} compte ${length} chiffres (reçu : ${value.length}).`);
  }
  return { ok: true, value };
}

export function checkSiren(raw: string): IdentifierCheck {
  const format = checkFormat('SIREN', raw);
  if (!format.ok) return format;
  if (!luhnValid(format.value)) {
    return fail('IDENTIFIER.CHECKSUM', `SIREN ${format.value} invalide : la clé de contrôle ne correspond pas.`);
  }
  return format;
}

export function checkSiret(raw: string): IdentifierCheck {
  const format = checkFormat('SIRET', raw);
  if (!format.ok) return format;
  const siret = format.value;
  const laPoste = siret.startsWith(LA_POSTE_SIREN) && siret !== LA_POSTE_HEAD_OFFICE_SIRET;
  const valid = laPoste ? digitSum(siret) % 5 === 0 : luhnValid(siret);
  if (!valid) {
    return fail('IDENTIFIER.CHECKSUM', `SIRET ${siret} invalide : la clé de contrôle ne correspond pas.`);
  }
  return format;
}

export function sirenOf(siret: string): string {
  return siret.slice(0, 9);
}
