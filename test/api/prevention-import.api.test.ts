import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { parisToday } from '../../domain/collaborators/effective-date.rules';
import { AuditEvent } from '../../domain/audit/audit-event.entity';
import { DECLARATION_CSV_LAYOUT, type DeclarationCsvColumn } from '../../domain/prevention/declaration-csv.rules';
import { nirWithKey as nir, preventionParties } from '../helpers/prevention.fixtures';
import { login, startIntegrationEnv, type Agent, type IntegrationEnv } from '../helpers/integration';
import { ADMIN, createCompany, SUPPORT, type OtherCompany } from '../helpers/rights.fixtures';

/**
 * The file import of prevention-passport declarations over HTTP, on
 * PostgreSQL and the Temporal dev server (set up as
 * prevention.api.test.ts is): a training body sends a CSV file, each
 * reference's lines are one declaration, stored through the form's service
 * or refused whole with every line reported — and no NIR in the answer,
 * the logs or the audit trail.
 */

let env: IntegrationEnv;
let of: Awaited<ReturnType<typeof createCompany>>;
let durand: OtherCompany;
let ofDeclarant: Agent;
let ofReader: Agent;
let support: Agent;

const MARTIN = '84271640900011';
const DAY_MS = 24 * 3600_000;
const daysAgo = (n: number) => parisToday(new Date(Date.now() - n * DAY_MS));
const frenchDay = (iso: string) => iso.split('-').reverse().join('/');

const NIR_A = nir('1850578006084');
const NIR_B = nir('2920375120005');
const NIR_C = nir('1790869123456');
const NIR_D = nir('2850144109021');
const WRONG_KEY = `${NIR_C.slice(0, 13)}${NIR_C.slice(13) === '00' ? '01' : '00'}`;
const ALL_NIRS = [NIR_A, NIR_B, NIR_C, NIR_D, WRONG_KEY];

const COLUMNS = DECLARATION_CSV_LAYOUT.columns;
type Line = Partial<Record<DeclarationCsvColumn, string>>;

const base = (): Record<DeclarationCsvColumn, string> => ({
  reference: 'REF',
  proofType: 'ATTENDANCE',
  title: 'Sauveteur secouriste du travail',
  trainingStart: daysAgo(12),
  trainingEnd: daysAgo(10),
  proofValidFrom: '',
  modality: 'IN_PERSON',
  romeSkills: 'K2110',
  trainerQualification: 'Formateur SST certifié INRS',
  certificationKind: 'RS',
  certificationCode: 'RS5537',
  nsfCode: '',
  nir: NIR_A,
  birthName: 'DUPONT',
  firstNames: 'Jean Marie',
  birthDate: '1985-05-12',
  employerSiret: MARTIN,
});

const cell = (value: string, sep: string) => (value.includes(sep) || value.includes('"') ? `"${value.replace(/"/g, '""')}"` : value);
const csvOf = (lines: Line[], sep = ';', columns: readonly string[] = COLUMNS) =>
  [columns.join(sep), ...lines.map((l) => columns.map((c) => cell({ ...base(), ...l }[c as DeclarationCsvColumn] ?? '', sep)).join(sep))].join('\r\n') + '\r\n';

const query = (over: Record<string, string> = {}) => ({ declarantSiret: of.sirets[0], declarantKind: 'TRAINING_BODY', ...over });
const importFile = (agent: Agent, body: string | Buffer, over: Record<string, string> = {}) =>
  agent.post('/api/prevention-declarations/import').query(query(over)).set('Content-Type', 'text/csv').send(body);

/** The declarations whose title is this, as the training body lists them. */
const declarationsTitled = async (title: string) =>
  ((await ofDeclarant.get('/api/prevention-declarations').query({ filter: JSON.stringify({ q: title }), range: '[0,99]' })).body as { id: string; title: string }[]).filter(
    (d) => d.title === title,
  );
const detail = async (id: string) => (await ofDeclarant.get(`/api/prevention-declarations/${id}`)).body;

const expectNoNir = (text: string) => {
  for (const n of ALL_NIRS) {
    expect(text).not.toContain(n);
    expect(text).not.toContain(n.slice(0, 13));
  }
};

beforeAll(async () => {
  env = await startIntegrationEnv();
  ({ durand, of } = await preventionParties(env.orm));
  [ofDeclarant, ofReader, support] = await Promise.all([of.people[0], of.people[1], SUPPORT].map((p) => login(env.app, p)));
}, 120_000);

afterAll(async () => {
  await env?.stop();
});

describe('POST /api/prevention-declarations/import', () => {
  it('three references: the good one stored with its 2 learners, the others reported line by line; no NIR in the answer, the logs or the audit trail', async () => {
    let logs = '';
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        logs += chunk.toString();
        done();
      },
    });
    const app = env.newApp({ logger: pino({ level: 'debug' }, sink) });
    const agent = await login(app, of.people[0]);
    const title = 'SST import de trois références';
    const file = csvOf([
      { reference: 'OF-C', title, nir: NIR_A, employerSiret: MARTIN, birthName: 'MARTIN' },
      { reference: 'OF-A', title, nir: NIR_B, employerSiret: durand.siret },
      { reference: 'OF-A', title, nir: WRONG_KEY, employerSiret: durand.siret },
      { reference: 'OF-B', title, nir: NIR_C },
      { reference: 'OF-B', title: `${title} (recyclage)`, nir: NIR_D },
      { reference: 'OF-C', title, nir: NIR_B, employerSiret: durand.siret, birthName: 'DURAND', trainingStart: frenchDay(daysAgo(12)) },
    ]);

    const res = await agent.post('/api/prevention-declarations/import').query(query()).set('Content-Type', 'text/csv').send(file);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      linesRead: 6,
      declarationsCreated: 1,
      learnersCreated: 2,
      rejected: [
        { line: 3, reference: 'OF-A', field: null, code: 'PREVENTION.DECLARATION_REJECTED', message: expect.stringContaining('ligne 4') },
        { line: 4, reference: 'OF-A', field: 'nir', code: 'PREVENTION.NIR_KEY', message: expect.stringContaining('clé de contrôle') },
        { line: 5, reference: 'OF-B', field: 'title', code: 'PREVENTION.REFERENCE_MISMATCH', message: expect.stringContaining('title diffère (lignes 5, 6)') },
        { line: 6, reference: 'OF-B', field: 'title', code: 'PREVENTION.REFERENCE_MISMATCH', message: expect.stringContaining('title diffère (lignes 5, 6)') },
      ],
    });
    expectNoNir(res.text);

    const stored = await declarationsTitled(title);
    expect(stored).toHaveLength(1);
    const declaration = await detail(stored[0].id);
    expect(declaration).toMatchObject({ channel: 'FILE', learnerCount: 2, trainingStart: daysAgo(12), romeSkills: ['K2110'], proofValidFrom: null, nsfCode: null });
    expect(declaration.learners.map((l: { nir: string; employerSiret: string }) => [l.nir, l.employerSiret]).sort()).toEqual(
      [
        [NIR_A, MARTIN],
        [NIR_B, durand.siret],
      ].sort(),
    );

    const em = env.orm.em.fork();
    const imported = await em.find(AuditEvent, { action: 'PREVENTION.FILE_IMPORTED' }, { orderBy: { at: 'DESC' } });
    expect(imported[0].after).toMatchObject({ declarantSiret: of.sirets[0], linesRead: 6, declarationsCreated: 1, learnersCreated: 2, rejectedLines: 4 });
    expect(await em.count(AuditEvent, { action: 'PREVENTION.DECLARED', targetId: stored[0].id })).toBe(1);
    expectNoNir(JSON.stringify(await em.find(AuditEvent, {})));
    expect(logs).toContain('/api/prevention-declarations/import');
    expectNoNir(logs);
  });

  it('a Windows-1252 file with , separators and accented names: French words, both date forms, quoted commas', async () => {
    const title = 'Gestes et postures, prévention des risques liés à l’activité physique'.replace('’', "'");
    const end = daysAgo(9);
    const file = csvOf(
      [
        {
          reference: 'PRAP-1',
          title,
          proofType: 'réussite',
          proofValidFrom: frenchDay(end),
          modality: 'présentiel',
          trainingEnd: end,
          trainerQualification: 'Formatrice PRAP certifiée',
          romeSkills: 'K2110 H2502',
          nsfCode: '344t',
          certificationKind: 'RNCP',
          certificationCode: 'RNCP35187',
          nir: NIR_C,
          birthName: 'LEFÈVRE',
          firstNames: 'Hélène Françoise',
          birthDate: '03/08/1979',
        },
        { reference: 'PRAP-1', title, proofType: 'Réussite', proofValidFrom: end, modality: 'Présentiel', trainingEnd: frenchDay(end), trainerQualification: 'Formatrice PRAP certifiée', romeSkills: 'K2110 H2502', nsfCode: '344t', certificationKind: 'rncp', certificationCode: 'RNCP35187', nir: NIR_D, birthName: 'NOËL', firstNames: 'Zoé', birthDate: '1985-01-14', employerSiret: durand.siret },
      ],
      ',',
    );
    const bytes = Buffer.from(file, 'latin1');
    expect(bytes.includes(Buffer.from('LEFÈVRE', 'utf8'))).toBe(false);

    const res = await importFile(ofDeclarant, bytes);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ linesRead: 2, declarationsCreated: 1, learnersCreated: 2, rejected: [] });
    const [stored] = await declarationsTitled(title);
    const declaration = await detail(stored.id);
    expect(declaration).toMatchObject({ proofType: 'SUCCESS', proofValidFrom: end, modality: 'IN_PERSON', romeSkills: ['K2110', 'H2502'], nsfCode: '344t', certificationKind: 'RNCP', trainingEnd: end });
    expect(declaration.learners.map((l: { birthName: string; firstNames: string; birthDate: string }) => [l.birthName, l.firstNames, l.birthDate]).sort()).toEqual(
      [
        ['LEFÈVRE', 'Hélène Françoise', '1979-08-03'],
        ['NOËL', 'Zoé', '1985-01-14'],
      ].sort(),
    );
  });

  it('maps what the declaration service refuses to the line at fault (the i-th learner) or to every line of the reference', async () => {
    const title = 'SST refus du service';
    const file = csvOf([
      { reference: 'S-1', title, nir: NIR_A },
      { reference: 'S-1', title, nir: NIR_B, employerSiret: '55210055400013' },
      { reference: 'S-2', title, nir: NIR_A, trainingStart: daysAgo(3), trainingEnd: daysAgo(5) },
      { reference: 'S-2', title, nir: NIR_B, trainingStart: daysAgo(3), trainingEnd: daysAgo(5) },
      { reference: 'S-3', title, nir: NIR_A },
      { reference: 'S-3', title, nir: `${NIR_A.slice(0, 5)} ${NIR_A.slice(5)}` },
      { reference: 'S-4', title, nir: NIR_A },
      { reference: 'S-4', title, nir: NIR_B },
    ]).replace(/\r\n$/, ';en trop\r\n');
    const res = await importFile(ofDeclarant, file);
    expect(res.status).toBe(200);
    expect(res.body.declarationsCreated).toBe(0);
    expect(res.body.rejected.map((r: { line: number; field: string | null; code: string }) => [r.line, r.field, r.code])).toEqual([
      [2, null, 'PREVENTION.DECLARATION_REJECTED'],
      [3, 'employerSiret', 'PREVENTION.EMPLOYER_NOT_ACTIVE'],
      [4, 'trainingEnd', 'PREVENTION.DATE_ORDER'],
      [5, 'trainingEnd', 'PREVENTION.DATE_ORDER'],
      [6, null, 'PREVENTION.DECLARATION_REJECTED'],
      [7, 'nir', 'PREVENTION.LEARNER_TWICE'],
      [8, null, 'PREVENTION.DECLARATION_REJECTED'],
      [9, null, 'PREVENTION.LINE_INVALID'],
    ]);
    expect(res.body.rejected[7].message).toBe('18 valeurs pour 17 colonnes d’en-tête : vérifiez le séparateur (; ou ,).');
    expectNoNir(res.text);
    expect(await declarationsTitled(title)).toEqual([]);
  });

  it('the same file sent twice stores nothing the second time: each of its lines reported, the learner already declared named', async () => {
    const title = 'SST envoyée deux fois';
    const file = csvOf([
      { reference: 'D-1', title, nir: NIR_A, employerSiret: MARTIN },
      { reference: 'D-1', title, nir: NIR_B, employerSiret: durand.siret },
      { reference: 'D-2', title, nir: NIR_C, employerSiret: durand.siret, certificationCode: 'RS5538' },
    ]);
    const first = await importFile(ofDeclarant, file);
    expect(first.body).toMatchObject({ linesRead: 3, declarationsCreated: 2, learnersCreated: 3, rejected: [] });
    const again = await importFile(ofDeclarant, file);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ linesRead: 3, declarationsCreated: 0, learnersCreated: 0 });
    expect(again.body.rejected.map((r: { line: number; field: string | null; code: string }) => [r.line, r.field, r.code])).toEqual([
      [2, 'nir', 'PREVENTION.ALREADY_DECLARED'],
      [3, null, 'PREVENTION.DECLARATION_REJECTED'],
      [4, 'nir', 'PREVENTION.ALREADY_DECLARED'],
    ]);
    expectNoNir(again.text);
    expect(await declarationsTitled(title)).toHaveLength(2);
  });

  it('a control character (U+0000) in a field: that line is refused with its reason, its reference with it; the other references are stored', async () => {
    const title = 'SST caractère nul';
    const res = await importFile(
      ofDeclarant,
      csvOf([
        { reference: 'N-1', title, firstNames: 'Jean\u0000Marie' },
        { reference: 'N-2', title: `${title}\u0000`, nir: NIR_A },
        { reference: 'N-2', title, nir: NIR_B },
        { reference: 'N-3', title, nir: NIR_C },
      ]),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ linesRead: 4, declarationsCreated: 1, learnersCreated: 1 });
    expect(res.body.rejected).toEqual([
      { line: 2, reference: 'N-1', field: 'firstNames', code: 'VALIDATION.FAILED', message: 'firstNames : Caractères de contrôle interdits' },
      { line: 3, reference: 'N-2', field: 'title', code: 'VALIDATION.FAILED', message: 'title : Caractères de contrôle interdits' },
      { line: 4, reference: 'N-2', field: null, code: 'PREVENTION.DECLARATION_REJECTED', message: expect.stringContaining('ligne 3') },
    ]);
    const stored = await declarationsTitled(title);
    expect(stored).toHaveLength(1);
    expect((await detail(stored[0].id)).learners.map((l: { nir: string }) => l.nir)).toEqual([NIR_C]);
  });

  it('a missing column is a 400 naming it; nothing is stored', async () => {
    const title = 'SST colonne manquante';
    const res = await importFile(ofDeclarant, csvOf([{ reference: 'M-1', title }], ';', COLUMNS.filter((c) => c !== 'birthDate' && c !== 'nir')));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'PREVENTION.CSV_COLUMNS', missing: ['nir', 'birthDate'], errors: { nir: 'Colonne manquante', birthDate: 'Colonne manquante' } });
    expect(res.body.message).toContain('colonnes manquantes : nir, birthDate');
    expect(await declarationsTitled(title)).toEqual([]);
  });

  it('a strict query: an unknown key is a 400 naming it, a missing declarant too', async () => {
    const unknown = await importFile(ofDeclarant, csvOf([{}]), { dryRun: 'true' });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: 'VALIDATION.UNKNOWN_FIELD', errors: { dryRun: expect.any(String) } });
    const missing = await ofDeclarant.post('/api/prevention-declarations/import').query({ declarantKind: 'TRAINING_BODY' }).set('Content-Type', 'text/csv').send(csvOf([{}]));
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toHaveProperty('declarantSiret');
  });

  it('answers for the whole file before reading it: support 403, not habilitated 404, signed out 401', async () => {
    expect((await importFile(support, csvOf([{}]))).body.code).toBe('PREVENTION.SUPPORT_READ_ONLY');
    const reader = await importFile(ofReader, csvOf([{}]));
    expect([reader.status, reader.body.code]).toEqual([404, 'PREVENTION.DECLARANT_NOT_FOUND']);
    const martin = await login(env.app, ADMIN);
    expect((await importFile(martin, csvOf([{}]))).status).toBe(404);
    expect((await request(env.app).post('/api/prevention-declarations/import').query(query()).set('Content-Type', 'text/csv').send(csvOf([{}]))).status).toBe(401);
  });

  it('refuses what is not a CSV file, an empty one, and a quote never closed, each with its code', async () => {
    const json = await ofDeclarant.post('/api/prevention-declarations/import').query(query()).send({ reference: 'x' });
    expect(json.status).toBe(400);
    expect((await ofDeclarant.post('/api/prevention-declarations/import').query(query()).set('Content-Type', 'application/xml').send('<a/>')).body.code).toBe('PREVENTION.NOT_CSV');
    const xlsx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), Buffer.from('[Content_Types].xml\n')]);
    expect((await importFile(ofDeclarant, xlsx)).body.code).toBe('PREVENTION.NOT_CSV');
    expect((await importFile(ofDeclarant, '')).body.code).toBe('PREVENTION.CSV_EMPTY');
    expect((await importFile(ofDeclarant, `${COLUMNS.join(';')}\n`)).body.code).toBe('PREVENTION.CSV_EMPTY');
    const unclosed = await importFile(ofDeclarant, `${csvOf([{ reference: 'Q-1', title: 'SST guillemet' }])}Q-2;"ATTENDANCE\n`);
    expect(unclosed.status).toBe(400);
    expect(unclosed.body).toMatchObject({ code: 'PREVENTION.CSV_UNREADABLE', line: 3 });
    expect(await declarationsTitled('SST guillemet')).toEqual([]);
  });

  it('more than 50,000 lines is a 413 saying the limit; nothing is stored', async () => {
    const title = 'SST fichier trop grand';
    const line = csvOf([{ reference: 'BIG', title }]).split('\r\n')[1];
    const file = `${COLUMNS.join(';')}\n${`${line}\n`.repeat(50_001)}`;
    const res = await importFile(ofDeclarant, file);
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PREVENTION.FILE_TOO_LARGE');
    expect(res.body.message).toContain('50 000');
    expect(await declarationsTitled(title)).toEqual([]);
  }, 120_000);
});

describe('GET /api/prevention-declarations/import-model', () => {
  it('downloads the model (UTF-8 with a BOM, ;), which re-imports once its example is made a real case', async () => {
    const res = await ofDeclarant
      .get('/api/prevention-declarations/import-model')
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="modele-passeport-prevention.csv"');
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, example, ...rest] = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(header).toBe(COLUMNS.join(';'));
    expect(rest).toEqual(['']);

    // The example's training, made this quarter's: the employer SIRET given is one the training body may declare for.
    const cells = example.split(';');
    const at = (c: DeclarationCsvColumn) => COLUMNS.indexOf(c);
    cells[at('trainingStart')] = frenchDay(daysAgo(8));
    cells[at('trainingEnd')] = frenchDay(daysAgo(7));
    cells[at('title')] = 'SST modèle réimporté';
    cells[at('employerSiret')] = durand.siret;
    const again = await importFile(ofDeclarant, Buffer.concat([bytes.subarray(0, 3), Buffer.from(`${header}\r\n${cells.join(';')}\r\n`, 'utf8')]));
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ linesRead: 1, declarationsCreated: 1, learnersCreated: 1, rejected: [] });
    expect(await declarationsTitled('SST modèle réimporté')).toHaveLength(1);
  });

  it('both routes are in the OpenAPI document', async () => {
    const doc = (await request(env.app).get('/api/openapi.json')).body;
    expect(doc.paths['/api/prevention-declarations/import'].post.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['declarantKind', 'declarantSiret']);
    expect(doc.paths['/api/prevention-declarations/import'].post.responses['200'].content['application/json'].schema.$ref).toContain('PreventionImportReport');
    expect(doc.paths['/api/prevention-declarations/import-model'].get.responses['200'].headers).toHaveProperty('Content-Disposition');
  });
});
