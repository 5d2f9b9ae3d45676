import { randomBytes, randomUUID } from 'node:crypto';
import { MockActivityEnvironment } from '@temporalio/testing';
import type { LogLevel, LogMetadata } from '@temporalio/common';
import { createCandidacyActivities, type IssuedLetter } from '../../activities/candidacy/candidacy.activities';
import { Account, AccountRole, AdminStatus } from '../../domain/account/account.entity';
import { identityKey } from '../../domain/account/identity.rules';
import { hashActivationKey, normaliseActivationKey } from '../../domain/candidacy/activation-key.rules';
import { openLetterPdf } from '../../domain/candidacy/activation-letter.cipher';
import { ActivationLetter } from '../../domain/candidacy/activation-letter.entity';
import { AuditEvent } from '../../domain/audit/audit-event.entity';
import { Candidacy } from '../../domain/candidacy/candidacy.entity';
import { Company } from '../../domain/company/company.entity';
import { Establishment } from '../../domain/company/establishment.entity';
import { seedDemoData } from '../../domain/seed/demo-data';
import { allTextInDatabase, createTestDatabase } from '../helpers/database';
import { DEMO_PASSWORD, PUBLIC_URL } from '../helpers/integration';
import { pdfText } from '../helpers/pdf-text';

const DAY = 24 * 3600_000;
const LETTER_KEY = randomBytes(32);
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let candidacyId: string;
let headOfficeAddress: string;
const logs: string[] = [];
const logger = {
  log: (_level: LogLevel, message: string, meta?: LogMetadata) => void logs.push(message, JSON.stringify(meta ?? {})),
  trace: (m: string, meta?: LogMetadata) => logger.log('TRACE', m, meta),
  debug: (m: string, meta?: LogMetadata) => logger.log('DEBUG', m, meta),
  info: (m: string, meta?: LogMetadata) => logger.log('INFO', m, meta),
  warn: (m: string, meta?: LogMetadata) => logger.log('WARN', m, meta),
  error: (m: string, meta?: LogMetadata) => logger.log('ERROR', m, meta),
};
const activityEnv = () =>
  new MockActivityEnvironment({ workflowExecution: { workflowId: `candidacy-${candidacyId}`, runId: 'run-1' } }, { logger });

beforeAll(async () => {
  db = await createTestDatabase();
  const em = db.orm.em.fork();
  await seedDemoData(em, DEMO_PASSWORD);
  const company = await em.findOneOrFail(Company, { siren: '842716409' });
  const establishment = await em.findOneOrFail(Establishment, { company, headOffice: true });
  headOfficeAddress = establishment.address;
  const account = em.create(Account, {
    company,
    establishment,
    siret: establishment.siret,
    lastName: 'ROUX',
    firstName: 'Nina',
    identityKey: identityKey(establishment.siret, 'ROUX', 'Nina'),
    email: 'nina.roux@example.test',
    role: AccountRole.ADMINISTRATOR,
    adminStatus: AdminStatus.CANDIDATE_AD,
    passwordHash: 'x',
  });
  const candidacy = em.create(Candidacy, {
    workflowId: 'pending',
    company,
    companySiren: company.siren,
    companyName: company.legalName,
    account,
    siret: establishment.siret,
    lastName: 'ROUX',
    firstName: 'Nina',
    email: 'nina.roux@example.test',
  });
  candidacy.workflowId = `candidacy-${candidacy.id}`;
  await em.flush();
  candidacyId = candidacy.id;
});

afterAll(async () => {
  await db?.drop();
});

describe('activation letter', () => {
  it('is a valid PDF addressed to the head office whose text carries the key; only the hash is stored, nothing in clear in the database or the logs', async () => {
    const acts = createCandidacyActivities({ orm: db.orm, publicUrl: PUBLIC_URL, letterKey: LETTER_KEY });
    const issued: IssuedLetter = await activityEnv().run(acts.issueActivationLetter, { candidacyId, sequence: 1, postWithinMs: 14 * DAY, keyValidityMs: 60 * DAY });

    const letter = await db.orm.em.fork().findOneOrFail(ActivationLetter, issued.letterId, { populate: ['sealedPdf'] });
    const pdf = openLetterPdf(LETTER_KEY, letter.id, letter.sealedPdf!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.subarray(-6).toString()).toContain('%%EOF');
    const text = await pdfText(pdf);
    expect(text).toContain('Boulangerie Martin SARL');
    expect(text).toContain('Nina ROUX');
    for (const part of headOfficeAddress.split(', ')) expect(text).toContain(part);
    const printed = /\b([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})\b/.exec(text)?.[1];
    expect(printed).toBeDefined();
    const key = normaliseActivationKey(printed!)!;
    expect(hashActivationKey(key)).toBe(issued.keyHash);
    expect(letter.keyHash).toBe(issued.keyHash);

    const everything = await allTextInDatabase(db.orm);
    expect(everything).toContain(issued.keyHash);
    expect(everything).not.toContain(key);
    expect(everything).not.toContain(printed);
    const [{ raw }] = await db.orm.em.fork().execute<{ raw: Buffer }[]>('select sealed_pdf as raw from activation_letter where id = ?', [letter.id]);
    for (const clear of [key, printed!, '%PDF-', 'Boulangerie Martin']) expect(raw.includes(clear)).toBe(false);
    expect(logs.join('\n')).not.toContain(key);
    const again = await activityEnv().run(acts.issueActivationLetter, { candidacyId, sequence: 1, postWithinMs: 14 * DAY, keyValidityMs: 60 * DAY });
    expect(again).toEqual(issued);
  });

  it('a stored PDF opens only with the installation key and only as its own letter', async () => {
    const acts = createCandidacyActivities({ orm: db.orm, publicUrl: PUBLIC_URL, letterKey: LETTER_KEY });
    const issued: IssuedLetter = await activityEnv().run(acts.issueActivationLetter, { candidacyId, sequence: 1, postWithinMs: 14 * DAY, keyValidityMs: 60 * DAY });
    const { sealedPdf } = await db.orm.em.fork().findOneOrFail(ActivationLetter, issued.letterId, { populate: ['sealedPdf'] });

    expect(openLetterPdf(LETTER_KEY, issued.letterId, sealedPdf!).subarray(0, 5).toString()).toBe('%PDF-');
    expect(() => openLetterPdf(randomBytes(32), issued.letterId, sealedPdf!)).toThrow();
    expect(() => openLetterPdf(LETTER_KEY, randomUUID(), sealedPdf!)).toThrow();
    const tampered = Buffer.from(sealedPdf!);
    tampered[tampered.length - 1] ^= 1;
    expect(() => openLetterPdf(LETTER_KEY, issued.letterId, tampered)).toThrow();
  });

  it('a new letter voids the previous one and erases its PDF; posting starts the 60 days and erases the PDF', async () => {
    const acts = createCandidacyActivities({ orm: db.orm, publicUrl: PUBLIC_URL, letterKey: LETTER_KEY });
    const second: IssuedLetter = await activityEnv().run(acts.issueActivationLetter, { candidacyId, sequence: 2, postWithinMs: 14 * DAY, keyValidityMs: 60 * DAY });
    const em = db.orm.em.fork();
    const letters = await em.find(ActivationLetter, { candidacy: candidacyId }, { orderBy: { sequence: 'ASC' }, populate: ['sealedPdf'] });
    expect(letters.map((l) => [l.sequence, l.status, l.sealedPdf === null])).toEqual([
      [1, 'VOIDED', true],
      [2, 'PENDING', false],
    ]);

    const support = await em.findOneOrFail(Account, { role: AccountRole.SUPPORT });
    const posted: { postedAt: string; keyExpiresAt: string } = await activityEnv().run(acts.recordLetterPosted, { letterId: second.letterId, actorId: support.id, keyValidityMs: 60 * DAY });
    expect(Date.parse(posted.keyExpiresAt) - Date.parse(posted.postedAt)).toBe(60 * DAY);
    const after = await db.orm.em.fork().findOneOrFail(ActivationLetter, second.letterId, { populate: ['sealedPdf'] });
    expect(after).toMatchObject({ status: 'POSTED', sealedPdf: null });
  });

  it('goes to the head-office address the company holds now, not the one its head office had at registration; without one it is held back: no PDF', async () => {
    const acts = createCandidacyActivities({ orm: db.orm, publicUrl: PUBLIC_URL, letterKey: LETTER_KEY });
    const setAddress = (headOfficeAddress: string) => db.orm.em.fork().nativeUpdate(Company, { siren: '842716409' }, { headOfficeAddress });
    const issue = async (sequence: number) => {
      const issued: IssuedLetter = await activityEnv().run(acts.issueActivationLetter, { candidacyId, sequence, postWithinMs: 14 * DAY, keyValidityMs: 60 * DAY });
      return db.orm.em.fork().findOneOrFail(ActivationLetter, issued.letterId, { populate: ['sealedPdf'] });
    };

    await setAddress('27 avenue des Fournils\n69003 Lyon');
    const moved = await issue(3);
    expect(moved.address).toBe('27 avenue des Fournils\n69003 Lyon');
    const text = await pdfText(openLetterPdf(LETTER_KEY, moved.id, moved.sealedPdf!));
    expect(text).toContain('27 avenue des Fournils');
    expect(text).not.toContain(headOfficeAddress.split(', ')[0]);

    for (const [sequence, missing] of [[4, 'Adresse à compléter'], [5, '  ']] as const) {
      await setAddress(missing);
      const held = await issue(sequence);
      expect(held).toMatchObject({ status: 'PENDING', address: null, sealedPdf: null });
      const audit = await db.orm.em.fork().findOneOrFail(AuditEvent, { targetId: held.id });
      expect(audit).toMatchObject({ action: 'CANDIDACY.LETTER_HELD', after: expect.objectContaining({ address: null }) });
    }
    await setAddress(headOfficeAddress);
  });
});
