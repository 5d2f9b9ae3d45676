import PDFDocument from 'pdfkit';
import { frenchDate } from '../shared/french-date';

export interface LetterContent {
  portalName: string;
  companyName: string;
  address: string;
  siret: string;
  candidateName: string;
  /** The key as printed (formatted); it exists nowhere else. */
  formattedKey: string;
  /** How long the key is valid from the posting. */
  keyValidityMs: number;
  consoleUrl: string;
  issuedAt: Date;
}

const DAY_MS = 86_400_000;

/** Renders the activation letter, addressed to the head office, as a PDF. */
export function renderActivationLetter(letter: LetterContent): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `Clé d’activation — ${letter.companyName}`, Author: letter.portalName } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(16).text(letter.portalName);
  doc.moveDown(2);
  doc.font('Helvetica').fontSize(11).text(letter.companyName, { align: 'right' });
  doc.text(`À l’attention de ${letter.candidateName}`, { align: 'right' });
  for (const line of letter.address.split(/\n|,\s*/)) doc.text(line, { align: 'right' });
  doc.moveDown(2);
  doc.text(`Le ${frenchDate(letter.issuedAt)}`);
  doc.moveDown();
  doc.font('Helvetica-Bold').text('Objet : votre clé d’activation d’administrateur');
  doc.moveDown();
  doc.font('Helvetica').text(`Bonjour ${letter.candidateName},`);
  doc.moveDown(0.5);
  doc.text(
    `Vous avez demandé à devenir administrateur de l’entreprise ${letter.companyName} (SIRET ${letter.siret}). Voici votre clé d’activation :`,
  );
  doc.moveDown();
  doc.font('Courier-Bold').fontSize(20).text(letter.formattedKey, { align: 'center' });
  doc.moveDown();
  doc.font('Helvetica').fontSize(11);
  const validityDays = Math.round(letter.keyValidityMs / DAY_MS);
  const validUntil = new Date(letter.issuedAt.getTime() + validityDays * DAY_MS);
  doc.text(
    `Cette clé est valable ${validityDays} jours à compter de l’envoi de ce courrier, soit au moins jusqu’au ${frenchDate(validUntil)} ; la date exacte est affichée dans la console.`,
  );
  doc.moveDown(0.5);
  doc.text('Pour l’utiliser :');
  doc.list(
    [
      `connectez-vous à ${letter.consoleUrl} avec votre SIRET, votre nom, votre prénom et votre mot de passe ;`,
      'ouvrez « Ma candidature » et saisissez la clé (majuscules, tirets et espaces indifférents) ;',
      'après 5 clés erronées, la candidature est verrouillée ; un nouveau courrier annule la clé précédente.',
    ],
    { bulletRadius: 2 },
  );
  doc.moveDown();
  doc.text('Si vous n’êtes pas à l’origine de cette demande, ignorez ce courrier : sans la clé, rien ne change.');
  doc.end();
  return done;
}
