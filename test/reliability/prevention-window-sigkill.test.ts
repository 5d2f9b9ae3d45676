import { randomUUID } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { ensureWindows } from '../../api/prevention/verification-windows';
import { parisToday } from '../../domain/collaborators/effective-date.rules';
import { declarationDeadline, type QuarterKey } from '../../domain/prevention/declaration-dates.rules';
import { checkNir } from '../../domain/prevention/nir.rules';
import { employeePseudonym, pseudonymKey } from '../../domain/prevention/pseudonym';
import { PREVENTION_WINDOW_WORKFLOW_TYPE, preventionWindowId } from '../../workflows/prevention-window/prevention-window.messages';
import { createTestDatabase } from '../helpers/database';
import { eventually } from '../helpers/eventually';
import { nirWithKey } from '../helpers/prevention.fixtures';
import { siretsOf, sirenFrom } from '../helpers/rights.fixtures';
import { createDevServerEnv } from '../helpers/time-skipping';
import { assertWorkerBuilt, workerProcesses } from '../helpers/worker-processes';

jest.setTimeout(300_000);

const EMPLOYERS = 2_000;
/** Lines awaiting their employer's verification when the windows reach their deadline. */
const PENDING = 20_000;
const QUARTERS: QuarterKey[] = ['2026-Q2', '2026-Q3'];
/**
 * Employers whose 2026-Q2 window holds this many lines: four pages of 500 that find lines, and a
 * continue-as-new on the way — even when the kill loses one of those pages' answers (its retry finds the next lines).
 */
const HEAVY = 6;
const HEAVY_LINES = 1_600;
const LEARNERS_PER_DECLARATION = 20;
/** Search for the words a history or a log line must never carry. */
const BIRTH_NAMES = ['LEFEBVRE', 'GARNIER', 'ROUSSEL', 'FONTAINE', 'CHEVALIER', 'MERCIER', 'BLANCHARD', 'GUERIN', 'BOYER', 'LEMAIRE', 'MOULIN', 'CARPENTIER'];
const FIRST_NAMES = ['Camille', 'Nathalie', 'Sébastien', 'Inès', 'Thierry', 'Élodie'];
const TYPE = PREVENTION_WINDOW_WORKFLOW_TYPE;

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let temporal: TestWorkflowEnvironment;
const workers = workerProcesses();

beforeAll(async () => {
  assertWorkerBuilt();
  db = await createTestDatabase();
  // Suggest continuing as new early: a heavy window's history passes 26 events by its third page that finds lines
  // (about 29) and crosses into a new run; a light one asks once, after its only such page (about 17 events).
  temporal = await createDevServerEnv({ 'limit.historyCount.suggestContinueAsNew': 26 });
});

afterAll(async () => {
  await workers.stopAll();
  await temporal?.teardown();
  await db?.drop();
});

interface Pair {
  siren: string;
  quarter: QuarterKey;
}
interface Line {
  id: string;
  declarationId: string;
  nir: string;
  birthName: string;
  firstNames: string;
  birthDate: string;
  siret: string;
  siren: string;
  quarter: QuarterKey;
  status: 'PENDING_VERIFICATION' | 'VERIFIED' | 'CORRECTION_REQUESTED';
}
interface Declaration {
  id: string;
  quarter: QuarterKey;
  sirens: string[];
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** The g-th learner's NIR: distinct for every g (commune and order number), sex, birth year and month varied, Corsica among the départements. */
function nirOf(g: number): string {
  const dept = g % 41 === 5 ? '2A' : g % 41 === 11 ? '2B' : pad(1 + ((g * 13) % 95), 2).replace(/^20$/, '21');
  return nirWithKey(`${1 + (g % 2)}${pad(40 + ((g * 7) % 60), 2)}${pad(1 + (g % 12), 2)}${dept}${pad(1 + (g % 900), 3)}${pad(1 + Math.floor(g / 900), 3)}`);
}

/**
 * 2,000 employers (a company with one active establishment each), a
 * 2026-Q2 window for each and a 2026-Q3 one for every fourth: 2,500
 * (employer, quarter) pairs. 20,000 pending lines over them (1,600 for
 * each of the six heavy windows, 4 or 5 for the others) and, among them,
 * lines the employer already verified or sent back for correction. The
 * lines of a quarter go in declarations of 20 learners, as a training
 * body's sessions would: most name several employers, a heavy employer's
 * fill eighty.
 */
function plan() {
  const employers = Array.from({ length: EMPLOYERS }, (_, e) => {
    const siren = sirenFrom(`7${pad(e, 7)}`);
    return { siren, siret: siretsOf(siren, 1)[0] };
  });
  const pairs: (Pair & { siret: string; pending: number })[] = [];
  const light = EMPLOYERS + EMPLOYERS / 4 - HEAVY;
  const rest = PENDING - HEAVY * HEAVY_LINES;
  for (const [q, quarter] of QUARTERS.entries()) {
    employers.forEach(({ siren, siret }, e) => {
      if (q === 1 && e % 4 !== 0) return;
      const heavy = q === 0 && e < HEAVY;
      const l = pairs.length - (q === 0 ? Math.min(e, HEAVY) : HEAVY);
      pairs.push({ siren, siret, quarter, pending: heavy ? HEAVY_LINES : Math.floor(rest / light) + (l < rest % light ? 1 : 0) });
    });
  }
  const lines: Line[] = [];
  pairs.forEach((p, i) => {
    const heavy = p.pending === HEAVY_LINES;
    const statuses: Line['status'][] = [
      ...Array<Line['status']>(p.pending).fill('PENDING_VERIFICATION'),
      ...Array<Line['status']>(heavy ? 5 : i % 2 === 0 ? 1 : 0).fill('VERIFIED'),
      ...Array<Line['status']>(heavy ? 5 : i % 3 === 0 ? 1 : 0).fill('CORRECTION_REQUESTED'),
    ];
    for (const status of statuses) {
      const g = lines.length;
      const nir = nirOf(g);
      lines.push({
        id: randomUUID(),
        declarationId: '',
        nir,
        birthName: BIRTH_NAMES[g % BIRTH_NAMES.length],
        firstNames: FIRST_NAMES[g % FIRST_NAMES.length],
        birthDate: `19${nir.slice(1, 3)}-${nir.slice(3, 5)}-${pad(1 + (g % 28), 2)}`,
        siret: p.siret,
        siren: p.siren,
        quarter: p.quarter,
        status,
      });
    }
  });
  const declarations: Declaration[] = [];
  for (const quarter of QUARTERS) {
    const ofQuarter = lines.filter((l) => l.quarter === quarter);
    for (let at = 0; at < ofQuarter.length; at += LEARNERS_PER_DECLARATION) {
      const block = ofQuarter.slice(at, at + LEARNERS_PER_DECLARATION);
      const declaration = { id: randomUUID(), quarter, sirens: [...new Set(block.map((l) => l.siren))] };
      for (const l of block) l.declarationId = declaration.id;
      declarations.push(declaration);
    }
  }
  return { employers, pairs, lines, declarations };
}

/** Everything written by set-based statements (rows handed over as one JSON document each). */
async function seed({ employers, lines, declarations }: ReturnType<typeof plan>): Promise<void> {
  const em = db.orm.em.fork();
  await em.execute(
    `with c as (
       insert into company (id, created_at, siren, legal_name, head_office_address, status, operator)
       select gen_random_uuid(), now(), e.siren, 'Employeur ' || e.siren, '12 rue des Tanneurs, 69007 Lyon', 'ACTIVE', false
         from jsonb_to_recordset(?::jsonb) as e(siren text, siret text)
       returning id, siren)
     insert into establishment (id, created_at, siret, company_id, name, address, status, head_office)
     select gen_random_uuid(), now(), e.siret, c.id, 'Siège ' || e.siren, '12 rue des Tanneurs, 69007 Lyon', 'ACTIVE', true
       from jsonb_to_recordset(?::jsonb) as e(siren text, siret text) join c on c.siren = e.siren`,
    [JSON.stringify(employers), JSON.stringify(employers)],
  );
  const trainingBody = siretsOf(sirenFrom('38551203'), 1)[0];
  await em.execute(
    `insert into prevention_declaration (id, created_at, declarant_kind, declarant_siret, declared_by, channel, proof_type, title, training_start, training_end,
       proof_valid_from, modality, rome_skills, trainer_qualification, certification_kind, certification_code, nsf_code, quarter, deadline, days_late)
     select d.id, now(), 'TRAINING_BODY', ?, ?, 'FILE', 'ATTENDANCE', 'Prévention des risques liés à l''activité physique', d.start::date, d.start::date + 2,
            null, 'IN_PERSON', '[]'::jsonb, 'Formateur PRAP certifié INRS', 'RS', 'RS5498', null, d.quarter, d.deadline::date, 0
       from jsonb_to_recordset(?::jsonb) as d(id uuid, quarter text, start text, deadline text)`,
    [
      trainingBody,
      randomUUID(),
      JSON.stringify(
        declarations.map((d) => ({ id: d.id, quarter: d.quarter, start: d.quarter.endsWith('Q2') ? '2026-05-12' : '2026-08-18', deadline: declarationDeadline(d.quarter, 'TRAINING_BODY') })),
      ),
    ],
  );
  const key = pseudonymKey(Buffer.from('prevention-window-drill'));
  const employerAdmin = randomUUID();
  await em.execute(
    `insert into prevention_learner (id, created_at, declaration_id, nir, employee_pseudonym, birth_name, first_names, birth_date, employer_siret, employer_siren, quarter,
       status, decided_at, decided_by, correction_reason)
     select l.id, now(), l.declaration_id, l.nir, l.pseudonym, l.birth_name, l.first_names, l.birth_date::date, l.siret, l.siren, l.quarter,
            l.status::prevention_learner_status,
            case when l.status = 'PENDING_VERIFICATION' then null else timestamptz '2026-11-20 10:00:00+01' end,
            case when l.status = 'PENDING_VERIFICATION' then null else ?::uuid end,
            case when l.status = 'CORRECTION_REQUESTED' then 'Dates de session erronées' else null end
       from jsonb_to_recordset(?::jsonb) as l(id uuid, declaration_id uuid, nir text, pseudonym text, birth_name text, first_names text, birth_date text,
            siret text, siren text, quarter text, status text)`,
    [
      employerAdmin,
      JSON.stringify(
        lines.map((l) => ({
          id: l.id,
          declaration_id: l.declarationId,
          nir: l.nir,
          pseudonym: employeePseudonym(key, l.nir),
          birth_name: l.birthName,
          first_names: l.firstNames,
          birth_date: l.birthDate,
          siret: l.siret,
          siren: l.siren,
          quarter: l.quarter,
          status: l.status,
        })),
      ),
    ],
  );
}

async function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
  return (await db.orm.em.fork().execute(text, params)) as T[];
}

const deemedLines = async () => (await sql<{ n: number }>(`select count(*)::int as n from prevention_learner where status = 'DEEMED_VERIFIED'`))[0].n;

/** The lines the employer decided himself, as a digest: they must come out of the deadline as they went in. */
const decidedDigest = async () =>
  (
    await sql<{ n: number; digest: string }>(
      `select count(*)::int as n, md5(string_agg(concat_ws('|', id, status, decided_at, decided_by, correction_reason), ',' order by id)) as digest
         from prevention_learner where status in ('VERIFIED', 'CORRECTION_REQUESTED')`,
    )
  )[0];

/** `run` over `items`, `lanes` at a time (as that many API requests would). */
async function inLanes<T, R>(items: T[], lanes: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await run(items[i]);
      }
    }),
  );
  return results;
}

/** Every string a history holds, its payloads decoded (JSON text, as the default data converter writes them). */
function textsOf(value: unknown, into: string[] = []): string[] {
  if (value == null) return into;
  if (typeof value === 'string') into.push(value);
  else if (value instanceof Uint8Array) into.push(Buffer.from(value).toString('utf8'));
  else if (Array.isArray(value)) for (const v of value) textsOf(v, into);
  else if (typeof value === 'object') for (const v of Object.values(value)) textsOf(v, into);
  return into;
}

/** The NIRs (by their 13 first characters, so a NIR cut of its key counts too) and birth names found in `text`. */
function personalDataIn(text: string, nirBodies: Set<string>): string[] {
  const found = new Set<string>();
  for (const [run] of text.matchAll(/[0-9AB]{13,}/g)) {
    for (let at = 0; at + 13 <= run.length; at++) if (nirBodies.has(run.slice(at, at + 13))) found.add(`NIR ${run.slice(at, at + 13)}…`);
  }
  for (const name of BIRTH_NAMES) if (text.includes(name)) found.add(`birth name ${name}`);
  return [...found];
}

describe('20,000 declaration lines of 2,000 employers reach their verification deadline while the worker is killed (SIGKILL)', () => {
  it('every pending line is deemed verified once, with one audit event; one window per (employer, quarter); no NIR in a history or a log line', async () => {
    const t0 = Date.now();
    const laps: string[] = [];
    const lap = (what: string) => {
      laps.push(`${what} ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      process.stderr.write(`[prevention windows] ${laps.at(-1)}\n`);
    };
    const drill = plan();
    const { pairs, lines, declarations } = drill;
    expect(pairs).toHaveLength(EMPLOYERS + EMPLOYERS / 4);
    expect(lines.filter((l) => l.status === 'PENDING_VERIFICATION')).toHaveLength(PENDING);
    expect(lines.every((l) => checkNir(l.nir).ok)).toBe(true);
    expect(new Set(lines.map((l) => l.nir)).size).toBe(lines.length);
    await seed(drill);
    const decidedBefore = await decidedDigest();
    expect(decidedBefore.n).toBe(lines.length - PENDING);
    lap('seeded');

    // The windows start as a declaration's do (api/prevention/declaration.service.ts): ensureWindows with the
    // declaration's employers, a few declarations at a time. Their deadline is a Paris day, and the earliest
    // one already over is yesterday: each window is due as soon as a worker runs it.
    const yesterday = new Date(Date.parse(`${parisToday(new Date())}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const closed = await inLanes(declarations, 4, (d) =>
      ensureWindows(
        temporal.client,
        d.sirens.map((employerSiren) => ({ employerSiren, quarter: d.quarter, deadline: yesterday })),
      ),
    );
    expect(closed.every((c) => c.size === 0)).toBe(true);
    const startCalls = declarations.reduce((n, d) => n + d.sirens.length, 0);
    lap(`${startCalls} window starts for ${declarations.length} declarations`);

    const env = { DATABASE_URL: db.url, TEMPORAL_ADDRESS: temporal.address, TEMPORAL_NAMESPACE: 'default', SMTP_URL: '', LOG_LEVEL: 'debug' };
    const first: ChildProcess = workers.startBuilt(env);
    // Killed while the deadline's pages run: some lines deemed, most not.
    const atKill = await eventually(async () => {
      const n = await deemedLines();
      return n >= PENDING / 10 ? n : undefined;
    }, 120_000).catch((err: Error) => {
      throw new Error(`${err.message}; the worker said:\n${workers.output}`);
    });
    await workers.kill(first);
    const afterKill = await deemedLines();
    expect(afterKill).toBeLessThan(PENDING);
    lap(`killed at ${atKill} deemed (${afterKill} once gone)`);

    workers.startBuilt(env);
    await eventually(async () => {
      const [row] = await sql<{ n: number }>(`select count(*)::int as n from prevention_window where status = 'CLOSED'`);
      return row.n === pairs.length ? true : undefined;
    }, 240_000).catch(async (err: Error) => {
      throw new Error(`${err.message}: ${await deemedLines()} deemed; the workers said:\n${workers.output.slice(-20_000)}`);
    });
    lap('all windows closed');

    // Every pending line deemed verified, exactly once, with its one audit event; the employer's own decisions untouched.
    const statuses = await sql<{ status: string; n: number }>(`select status, count(*)::int as n from prevention_learner group by status order by status`);
    expect(Object.fromEntries(statuses.map((s) => [s.status, s.n]))).toEqual({
      DEEMED_VERIFIED: PENDING,
      VERIFIED: lines.filter((l) => l.status === 'VERIFIED').length,
      CORRECTION_REQUESTED: lines.filter((l) => l.status === 'CORRECTION_REQUESTED').length,
    });
    expect(await decidedDigest()).toEqual(decidedBefore);
    const pendingIds = lines.filter((l) => l.status === 'PENDING_VERIFICATION').map((l) => l.id);
    const [deemed] = await sql<{ n: number; decided: number }>(
      `select count(*)::int as n, count(decided_at)::int as decided from prevention_learner where status = 'DEEMED_VERIFIED' and id = any(?::uuid[])`,
      [`{${pendingIds.join(',')}}`],
    );
    expect(deemed).toEqual({ n: PENDING, decided: PENDING });
    const [audit] = await sql<{ events: number; lines: number; ofDeemed: number; system: number }>(
      `select count(*)::int as events, count(distinct a.target_id)::int as lines,
              count(*) filter (where l.status = 'DEEMED_VERIFIED')::int as "ofDeemed", count(*) filter (where a.actor_id is null and a.actor_label = 'system')::int as system
         from audit_event a left join prevention_learner l on l.id::text = a.target_id
        where a.action = 'PREVENTION.DEEMED_VERIFIED'`,
    );
    expect(audit).toEqual({ events: PENDING, lines: PENDING, ofDeemed: PENDING, system: PENDING });

    // The windows' read model: one per pair, closed, counting its own lines — across the kill and the continue-as-new.
    const [windows] = await sql<{ n: number; closed: number; deemed: number; miscounted: number }>(
      `select count(*)::int as n, count(*) filter (where w.status = 'CLOSED')::int as closed, sum(w.deemed_verified)::int as deemed,
              count(*) filter (where w.deemed_verified <> (select count(*) from prevention_learner l
                                 where l.employer_siren = w.employer_siren and l.quarter = w.quarter and l.status = 'DEEMED_VERIFIED'))::int as miscounted
         from prevention_window w`,
    );
    expect(windows).toEqual({ n: pairs.length, closed: pairs.length, deemed: PENDING, miscounted: 0 });

    // One workflow per (employer SIREN, quarter), not per line: as visibility counts them (a continued run is one more execution of the same id).
    const count = async (query: string) => (await temporal.client.workflow.count(query)).count;
    await eventually(async () => ((await count(`WorkflowType = '${TYPE}' AND ExecutionStatus = 'Completed'`)) === pairs.length ? true : undefined), 30_000);
    const runs: { workflowId: string; runId: string; status: string }[] = [];
    for await (const wf of temporal.client.workflow.list({ query: `WorkflowType = '${TYPE}'` })) runs.push({ workflowId: wf.workflowId, runId: wf.runId, status: wf.status.name });
    const ids = new Set(runs.map((r) => r.workflowId));
    expect([...ids].sort()).toEqual(pairs.map((p) => preventionWindowId(p.siren, p.quarter)).sort());
    expect(runs.filter((r) => r.status !== 'CONTINUED_AS_NEW').every((r) => r.status === 'COMPLETED')).toBe(true);
    const continued = runs.filter((r) => r.status === 'CONTINUED_AS_NEW').length;
    expect(continued).toBeGreaterThanOrEqual(HEAVY);
    expect(await count(`WorkflowType = '${TYPE}'`)).toBe(pairs.length + continued);
    lap(`${runs.length} runs listed (${continued} continued as new)`);

    // No NIR, full or without its key, and no birth name in any run's history (every one of them, payloads
    // decoded) nor in what the workers printed. The histories do carry the employers' SIRENs: the search reads them.
    const nirBodies = new Set(lines.map((l) => l.nir.slice(0, 13)));
    const found = new Set<string>();
    let historyChars = 0;
    let completedTotal = 0;
    let longest = 0;
    const sirensSeen = new Set<string>();
    await inLanes(runs, 8, async (r) => {
      const history = await temporal.client.workflow.getHandle(r.workflowId, r.runId).fetchHistory();
      const text = textsOf(history.events).join('\n');
      historyChars += text.length;
      longest = Math.max(longest, history.events?.length ?? 0);
      for (const f of personalDataIn(text, nirBodies)) found.add(`${r.workflowId}: ${f}`);
      for (const [siren] of text.matchAll(/\b7\d{8}\b/g)) sirensSeen.add(siren);
      const done = history.events?.find((e) => e.workflowExecutionCompletedEventAttributes)?.workflowExecutionCompletedEventAttributes;
      if (done) completedTotal += (JSON.parse(Buffer.from(done.result!.payloads![0].data!).toString('utf8')) as { deemedVerified: number }).deemedVerified;
    });
    expect([...found]).toEqual([]);
    expect(sirensSeen.size).toBe(EMPLOYERS);
    expect(completedTotal).toBe(PENDING);
    expect(workers.output).toContain('worker running');
    expect(personalDataIn(workers.output, nirBodies)).toEqual([]);
    lap(`${runs.length} histories searched (${(historyChars / 1e6).toFixed(1)} M characters, the longest ${longest} events)`);

    process.stderr.write(`[prevention windows] ${pairs.length} windows, ${PENDING} lines; ${laps.join('; ')}; worker output ${workers.output.length} characters\n`);
  });
});
