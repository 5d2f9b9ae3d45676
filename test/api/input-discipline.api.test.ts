import { FILTER_KEYS } from '../../api/http/list-query';
import { CONTROL_CHARACTER_MESSAGE } from '../../api/http/strict-zod';
import { ADMIN, DECLARANT, SUPPORT } from '../helpers/rights.fixtures';
import { login, startIntegrationEnv, type Agent, type IntegrationEnv } from '../helpers/integration';

/**
 * ARCHITECTURE.md "Input discipline", over every route of the OpenAPI
 * document: an unknown key in a body, a query or a list filter answers
 * 400 VALIDATION.UNKNOWN_FIELD naming it; every text field refuses U+0000;
 * nothing answers 5xx.
 */

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
}
interface Operation {
  parameters?: { name: string; in: string; schema?: Schema; description?: string }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}
type Document = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

const NUL = 'a\u0000b';
const SOME_ID = '00000000-0000-4000-8000-000000000000';

let env: IntegrationEnv;
let doc: Document;
let agents: Agent[];
let countsBefore: Record<string, number>;

/** Rows of the tables a request could have written to (sessions aside: the logins above made theirs). */
async function rowCounts(): Promise<Record<string, number>> {
  const tables = ['company', 'establishment', 'account', 'portfolio', 'habilitation', 'api_key', 'dsn_filing', 'audit_event', 'candidacy', 'arrival', 'departure'];
  const conn = env.orm.em.getConnection();
  const rows = await Promise.all(tables.map((t) => conn.execute<{ n: string }[]>(`select count(*)::int as n from "${t}"`)));
  return Object.fromEntries(tables.map((t, i) => [t, Number(rows[i][0].n)]));
}

beforeAll(async () => {
  env = await startIntegrationEnv();
  agents = [await login(env.app, SUPPORT), await login(env.app, ADMIN), await login(env.app, DECLARANT)];
  doc = (await agents[0].get('/api/openapi.json')).body;
  countsBefore = await rowCounts();
}, 120_000);

afterAll(() => env?.stop());

const resolve = (schema: Schema): Schema => (schema.$ref ? resolve(doc.components.schemas[schema.$ref.split('/').pop()!]) : schema);

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ method, path, op, url: path.replace(/\{\w+\}/g, SOME_ID) })),
  );

/** Sends as the first role whose guards let the request through to validation (support, administrator, declarant). */
async function send(method: string, url: string, body?: object) {
  let last;
  for (const agent of agents) {
    const req = (agent as unknown as Record<string, (u: string) => import('supertest').Test>)[method](url);
    last = await (body === undefined ? req : req.send(body));
    if (last.status !== 403) return last;
  }
  return last!;
}

/** Routes no demo role passes the guards of (the candidate's own): checked in the candidacy tests. */
const CANDIDATE_ONLY = new Set(['post /api/candidacies/{id}/activation-key', 'post /api/candidacies/{id}/letter-route']);

/** Every text field of a body, by its dotted path, with whether its only possible refusal is the control characters. */
function textFields(schema: Schema, path: string[] = []): { path: string[]; plain: boolean }[] {
  const s = resolve(schema);
  if (s.allOf) return s.allOf.flatMap((part) => textFields(part, path));
  if (s.anyOf || s.oneOf) return (s.anyOf ?? s.oneOf)!.flatMap((part) => textFields(part, path).map((f) => ({ ...f, plain: false })));
  if (s.type === 'string') return path.length ? [{ path, plain: !s.enum && !s.format }] : [];
  if (s.type === 'array' && s.items) return textFields(s.items, [...path, '0']);
  return Object.entries(s.properties ?? {}).flatMap(([key, child]) => textFields(child, [...path, key]));
}

function bodyWith(path: string[], value: unknown): object {
  const [head, ...rest] = path;
  const inner = rest.length ? bodyWith(rest, value) : value;
  return (head === '0' ? [inner] : { [head]: inner }) as object;
}

const routeName = (method: string, path: string) => `${method} ${path}`;

it('the OpenAPI document lists the routes this test walks', () => {
  expect(operations().length).toBeGreaterThan(90);
});

it('every route refuses an unknown query key, naming it', async () => {
  const failures: string[] = [];
  for (const { method, path, url } of operations()) {
    if (path === '/api/openapi.json') continue;
    const res = await send(method, `${url}?zzUnknown=1`, method === 'get' ? undefined : {});
    if (res.status === 403 && CANDIDATE_ONLY.has(routeName(method, path))) continue;
    if (res.status !== 400 || res.body.code !== 'VALIDATION.UNKNOWN_FIELD' || !res.body.errors?.zzUnknown) {
      failures.push(`${routeName(method, path)} → ${res.status} ${res.body.code}`);
    }
  }
  expect(failures).toEqual([]);
});

it('every list refuses an unknown filter key, naming it, and accepts filter={"id":[…]}', async () => {
  const lists = operations().filter(({ op }) => op.parameters?.some((p) => p.name === 'filter'));
  expect(lists.length).toBeGreaterThan(15);
  const failures: string[] = [];
  for (const { method, path, url, op } of lists) {
    const unknown = await send(method, `${url}?filter=${encodeURIComponent('{"companySIREN":"842716409"}')}`);
    if (unknown.status !== 400 || unknown.body.code !== 'VALIDATION.UNKNOWN_FIELD' || !unknown.body.errors?.['filter.companySIREN']) {
      failures.push(`${routeName(method, path)} unknown filter → ${unknown.status} ${unknown.body.code}`);
    }
    const description = op.parameters!.find((p) => p.name === 'filter')!.description ?? '';
    expect(description.startsWith(FILTER_KEYS)).toBe(true);
    const keys = description.slice(FILTER_KEYS.length).split(', ');
    if (!keys.includes('id')) failures.push(`${routeName(method, path)} has no id filter`);
    const byIds = await send(method, `${url}?filter=${encodeURIComponent('{"id":[]}')}`);
    if (byIds.status >= 500 || byIds.status === 400) failures.push(`${routeName(method, path)} filter={"id":[]} → ${byIds.status} ${byIds.body.code}`);
    if (byIds.status === 200 && byIds.body.length !== 0) failures.push(`${routeName(method, path)} filter={"id":[]} → ${byIds.body.length} rows`);
    for (const key of keys) {
      const res = await send(method, `${url}?filter=${encodeURIComponent(JSON.stringify({ [key]: NUL }))}`);
      if (res.status !== 400) failures.push(`${routeName(method, path)} filter.${key}=U+0000 → ${res.status} ${res.body.code}`);
    }
  }
  expect(failures).toEqual([]);
});

it('every JSON body refuses an unknown key, naming it, and U+0000 in each of its text fields; nothing answers 5xx', async () => {
  const bodies = operations().filter(({ op }) => op.requestBody?.content['application/json']);
  expect(bodies.length).toBeGreaterThan(30);
  const failures: string[] = [];
  let fields = 0;
  for (const { method, path, url, op } of bodies) {
    if (CANDIDATE_ONLY.has(routeName(method, path))) continue;
    const schema = op.requestBody!.content['application/json'].schema;
    const unknown = await send(method, url, { zzUnknown: 1 });
    if (unknown.status !== 400 || unknown.body.code !== 'VALIDATION.UNKNOWN_FIELD' || !unknown.body.errors?.zzUnknown) {
      failures.push(`${routeName(method, path)} unknown key → ${unknown.status} ${unknown.body.code}`);
    }
    for (const field of textFields(schema)) {
      fields++;
      const res = await send(method, url, bodyWith(field.path, NUL));
      const key = field.path.join('.');
      if (res.status !== 400 || (field.plain && res.body.errors?.[key] !== CONTROL_CHARACTER_MESSAGE)) {
        failures.push(`${routeName(method, path)} ${key}=U+0000 → ${res.status} ${JSON.stringify(res.body.errors?.[key] ?? res.body.code)}`);
      }
    }
  }
  expect(fields).toBeGreaterThan(80);
  expect(failures).toEqual([]);
});

it('U+0000 in a path segment or a plain query parameter is a 4xx, never a 5xx', async () => {
  const failures: string[] = [];
  for (const { method, path, op } of operations()) {
    if (path.includes('{')) {
      const res = await send(method, path.replace(/\{\w+\}/g, encodeURIComponent(NUL)), method === 'get' ? undefined : {});
      if (res.status >= 500) failures.push(`${routeName(method, path)} path → ${res.status}`);
    }
    for (const param of (op.parameters ?? []).filter((p) => p.in === 'query' && p.name !== 'filter')) {
      const res = await send(method, `${path.replace(/\{\w+\}/g, SOME_ID)}?${param.name}=${encodeURIComponent(NUL)}`, method === 'get' ? undefined : {});
      if (res.status !== 400) failures.push(`${routeName(method, path)} ?${param.name}=U+0000 → ${res.status}`);
    }
  }
  expect(failures).toEqual([]);
});

it('none of these requests changed a row', async () => {
  expect(await rowCounts()).toEqual(countsBefore);
});

it('a CSV import with control characters in a field rejects that line in its report, and answers no 5xx', async () => {
  const imports = operations().filter(({ path }) => path.endsWith('/import'));
  expect(imports.length).toBeGreaterThanOrEqual(2);
  const support = agents[0];
  const relations = await support
    .post('/api/employment-relations/import')
    .set('Content-Type', 'text/csv')
    .send(`employerSiret;employeeId;startDate\n84271640900011;E-\u0000-1;2024-01-01\n84271640900011;E-2;2024-01-01\n`);
  expect(relations.status).toBe(200);
  expect(relations.body).toMatchObject({ imported: 1, rejectedCount: 1, rejected: [{ line: 2, reason: expect.any(String) }] });
  const filings = await support
    .post('/api/dsn-filings/import')
    .set('Content-Type', 'text/csv')
    .send(`declaringSiret;declaredSiret;period\n8427164090\u00000011;84271640900011;2024-01\n`);
  expect(filings.status).toBeLessThan(500);
});

it('field errors speak French, or English when the client prefers it', async () => {
  const body = { siret: 42, lastName: 'MARTIN' };
  const french = await agents[0].post('/api/auth/login').send(body);
  expect(french.status).toBe(400);
  expect(french.body.errors).toEqual({ siret: expect.stringMatching(/^Entrée invalide/), firstName: expect.stringMatching(/^Entrée invalide/), password: expect.stringMatching(/^Entrée invalide/) });
  const english = await agents[0].post('/api/auth/login').set('Accept-Language', 'en-GB,en;q=0.9,fr;q=0.5').send(body);
  expect(english.body.errors).toEqual({ siret: expect.stringMatching(/^Invalid input/), firstName: expect.stringMatching(/^Invalid input/), password: expect.stringMatching(/^Invalid input/) });
  const unknown = await agents[0].post('/api/auth/login').send({ ...body, zz: 1 });
  expect(unknown.body.errors.zz).toMatch(/non reconnue/);
});
