import { checkSiret, type IdentifierErrorCode } from '../identifiers/identifiers.rules';

/**
 * Why a mass habilitation request, or one of its lines, is refused: a
 * stable code and its parameters, stored as such (RejectedLine.code and
 * params) and worded by the console; `reasonMessage` gives the French
 * sentence the API puts beside the code.
 */
/**
 * The last column of a job's rejected-lines file (the input's own format
 * plus why each line was refused): read back, it is ignored, so the file
 * can be corrected and sent again as it is.
 */
export const REJECTION_REASON_COLUMN = 'Motif du rejet';

export interface Reason {
  code: string;
  params: Record<string, string | number>;
}

export const FILE_CODES = {
  /** The whole request: OK partiel… */
  linesRejected: 'HABILITATION_FILE.LINES_REJECTED',
  /** …or KO. */
  empty: 'HABILITATION_FILE.EMPTY',
  noDataLine: 'HABILITATION_FILE.NO_DATA_LINE',
  allRejected: 'HABILITATION_FILE.ALL_LINES_REJECTED',
  readStopped: 'HABILITATION_FILE.READ_STOPPED',
  headerDuplicate: 'HABILITATION_FILE.HEADER_DUPLICATE_COLUMN',
  headerMissing: 'HABILITATION_FILE.HEADER_MISSING_COLUMNS',
  headerUnknown: 'HABILITATION_FILE.HEADER_UNKNOWN_COLUMNS',
  headerNoService: 'HABILITATION_FILE.HEADER_NO_SERVICE_COLUMN',
  serviceNotInPortfolio: 'HABILITATION_FILE.SERVICE_NOT_IN_PORTFOLIO',
  /** A line (or the header line): what the spreadsheet or the encoding did to it. */
  wrongSeparator: 'HABILITATION_FILE.WRONG_SEPARATOR',
  tooManyColumns: 'HABILITATION_FILE.TOO_MANY_COLUMNS',
  controlCharacter: 'HABILITATION_FILE.CONTROL_CHARACTER',
  unreadableBytes: 'HABILITATION_FILE.UNREADABLE_BYTES',
  mixedEncoding: 'HABILITATION_FILE.MIXED_ENCODING',
  quoteNotClosed: 'HABILITATION_FILE.QUOTE_NOT_CLOSED',
  recordTooLong: 'HABILITATION_FILE.RECORD_TOO_LONG',
  unreadable: 'HABILITATION_FILE.UNREADABLE',
  /** A line: its values (a SIRET's own faults keep domain/identifiers' IDENTIFIER.* codes). */
  valueRequired: 'HABILITATION_FILE.VALUE_REQUIRED',
  valueInvalid: 'HABILITATION_FILE.VALUE_INVALID',
  duplicateLine: 'HABILITATION_FILE.DUPLICATE_LINE',
  /** A line against the portfolio. */
  siretNotInPortfolio: 'HABILITATION_FILE.SIRET_NOT_IN_PORTFOLIO',
  declarantUnknown: 'HABILITATION_FILE.DECLARANT_UNKNOWN',
  otherPortfolio: 'HABILITATION_FILE.OTHER_PORTFOLIO',
  noDeclarant: 'HABILITATION_FILE.PORTFOLIO_WITHOUT_DECLARANT',
  noService: 'HABILITATION_FILE.PORTFOLIO_WITHOUT_SERVICE',
} as const;

export type FileCode = (typeof FILE_CODES)[keyof typeof FILE_CODES];

/** A value as a parameter: at most 40 characters, so a pasted paragraph does not fill the report. */
export const shown = (raw: string) => (raw.length > 40 ? `${raw.slice(0, 39)}…` : raw);

type Params = Record<string, string | number>;
const p = (params: Params, name: string) => String(params[name] ?? '');

const MESSAGES: Record<FileCode, (params: Params) => string> = {
  [FILE_CODES.linesRejected]: (v) => `${p(v, 'rejected')} ligne(s) rejetée(s) sur ${p(v, 'linesRead')} : les autres s’appliquent ; corrigez les lignes rejetées puis renvoyez-les seules.`,
  [FILE_CODES.empty]: () => 'Fichier vide : rien n’a été appliqué.',
  [FILE_CODES.noDataLine]: () => 'Aucune ligne après l’en-tête : rien n’a été appliqué.',
  [FILE_CODES.allRejected]: (v) => `Toutes les lignes sont rejetées (${p(v, 'rejected')}) : rien n’a été appliqué.`,
  [FILE_CODES.readStopped]: (v) => `Lecture arrêtée à la ligne ${p(v, 'line')} : rien n’a été appliqué, corrigez la ligne puis renvoyez le fichier.`,
  [FILE_CODES.headerDuplicate]: (v) => `En-tête refusé : colonne « ${p(v, 'column')} » présente deux fois.`,
  [FILE_CODES.headerMissing]: (v) => `En-tête refusé : colonne(s) manquante(s) : ${p(v, 'columns')}.`,
  [FILE_CODES.headerUnknown]: (v) =>
    `En-tête refusé, rien n’a été appliqué : colonne(s) inconnue(s) ${p(v, 'columns')}, ni SIRET, ni déclarant, ni service du portefeuille ; corrigez ou supprimez-la(les).`,
  [FILE_CODES.headerNoService]: () => 'En-tête refusé : aucune colonne de service du portefeuille.',
  [FILE_CODES.serviceNotInPortfolio]: (v) => `Le service ${p(v, 'serviceCode')} n’est pas dans ce portefeuille.`,
  [FILE_CODES.wrongSeparator]: (v) => `Une seule colonne lue pour ${p(v, 'expected')} attendues : séparez les colonnes par « ; » (ou « , ») comme l’en-tête.`,
  [FILE_CODES.tooManyColumns]: (v) => `${p(v, 'found')} colonnes pour ${p(v, 'expected')} dans l’en-tête : vérifiez le séparateur et les guillemets.`,
  [FILE_CODES.controlCharacter]: (v) => `${p(v, 'column')} : caractère de contrôle ${p(v, 'codePoint')} interdit (fichier binaire ou copier-coller ?).`,
  [FILE_CODES.unreadableBytes]: (v) => `${p(v, 'column')} : octets illisibles en UTF-8 (encodages mélangés, ou fichier qui n’est pas du texte).`,
  [FILE_CODES.mixedEncoding]: (v) => `${p(v, 'column')} : texte UTF-8 lu en Windows-1252 (« Ã© » pour « é ») : le fichier mélange deux encodages ; enregistrez-le en un seul.`,
  [FILE_CODES.quoteNotClosed]: () => 'Ligne illisible : guillemet ouvert jamais fermé jusqu’à la fin du fichier.',
  [FILE_CODES.recordTooLong]: () => 'Ligne trop longue (guillemet jamais fermé ?) : les lignes suivantes n’ont pas été lues.',
  [FILE_CODES.unreadable]: () => 'Ligne illisible : les lignes suivantes n’ont pas été lues.',
  [FILE_CODES.valueRequired]: (v) => `${p(v, 'column')} : valeur obligatoire.`,
  [FILE_CODES.valueInvalid]: (v) =>
    p(v, 'column') === 'ACTION'
      ? `ACTION « ${p(v, 'value')} » invalide : 1 (ajouter) ou 0 (retirer) attendu.`
      : `${p(v, 'column')} : « ${p(v, 'value')} » invalide : vide (inchangé), 0 (retirer), 1 (droits par défaut) ou des lettres parmi D, P, C attendu.`,
  [FILE_CODES.duplicateLine]: (v) => `Même déclarant et même SIRET qu’à la ligne ${p(v, 'firstLine')} : ligne ignorée.`,
  [FILE_CODES.siretNotInPortfolio]: (v) => `Le SIRET ${p(v, 'siret')} n’est pas dans ce portefeuille.`,
  [FILE_CODES.declarantUnknown]: (v) => `Aucun déclarant ${p(v, 'lastName')} ${p(v, 'firstName')} (SIRET ${p(v, 'siret')}) dans l’entreprise du portefeuille.`,
  [FILE_CODES.otherPortfolio]: (v) => `${p(v, 'column')} : ce déclarant tient cette habilitation par un autre portefeuille ; modifiez-la depuis celui-ci.`,
  [FILE_CODES.noDeclarant]: () => 'Aucun déclarant n’est habilité par ce portefeuille : habilitez d’abord un déclarant (fichier d’habilitations ou matrice).',
  [FILE_CODES.noService]: () => 'Ce portefeuille n’a aucun service : ajoutez-en avant d’y habiliter des SIRET.',
};

const IDENTIFIER_CODES: readonly IdentifierErrorCode[] = [
  'IDENTIFIER.EMPTY',
  'IDENTIFIER.NOT_DIGITS',
  'IDENTIFIER.SCIENTIFIC_NOTATION',
  'IDENTIFIER.LEADING_ZERO_LOST',
  'IDENTIFIER.WRONG_LENGTH',
  'IDENTIFIER.CHECKSUM',
];

/** The French sentence of a reason (for the API's `message`); a SIRET's is domain/identifiers' own, after its column. */
export function reasonMessage({ code, params }: Reason): string {
  if ((IDENTIFIER_CODES as readonly string[]).includes(code)) {
    const check = checkSiret(p(params, 'value'));
    return `${p(params, 'column')} : ${check.ok ? 'SIRET invalide.' : check.message}`;
  }
  return MESSAGES[code as FileCode]?.(params) ?? code;
}
