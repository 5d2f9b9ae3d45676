import { ADMIN, demoPortfolioId, SUPPORT } from '../helpers/rights.fixtures';
import { login, startIntegrationEnv, type Agent, type IntegrationEnv } from '../helpers/integration';

/** The search boxes find a SIREN or a SIRET typed as people type them: with spaces or dots. */
let env: IntegrationEnv;
let support: Agent;

beforeAll(async () => {
  env = await startIntegrationEnv();
  support = await login(env.app, SUPPORT);
});

afterAll(() => env?.stop());

const search = async (agent: Agent, resource: string, q: string) =>
  (await agent.get(`/api/${resource}`).query({ filter: JSON.stringify({ q }) })).body as Array<Record<string, string>>;

it.each([
  ['companies', '842 716 409', 'siren'],
  ['establishments', '842 716 409 00011', 'siret'],
  ['establishments', '842.716.409', 'siret'],
  ['accounts', '842 716 409', 'siret'],
])('%s: « %s »', async (resource, q, field) => {
  const rows = await search(support, resource, q);
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.every((r) => r[field].startsWith(q.replace(/\D/g, '')))).toBe(true);
});

it('a search that is not an identifier does not match every SIRET of a portfolio', async () => {
  const admin = await login(env.app, ADMIN);
  const portfolio = await demoPortfolioId(env.app);
  const path = `portfolios/${portfolio}/establishments`;
  expect((await search(admin, path, '842 716')).length).toBeGreaterThan(0);
  expect(await search(admin, path, 'Boulangerie')).toEqual([]);
});
