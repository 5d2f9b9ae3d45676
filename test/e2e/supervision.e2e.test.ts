import { Client, Connection } from '@temporalio/client';
import { AccountRole } from '../../domain/account/account.entity';
import { DEMO_LOGINS } from '../../domain/seed/demo-data';
import { E2eApp } from '../helpers/e2e-app';
import { startReview, startReviewWorker } from '../helpers/foreign-workflow';

jest.setTimeout(180_000);

const e2e = new E2eApp();
let connection: Connection;
let reviews: { stop(): Promise<void> };

/**
 * The app as `npm start` starts it, plus a worker of the test's own
 * workflow type on the same Temporal server: a document review awaiting
 * support whose due date passed an hour ago (overdue, honestly: nobody acted).
 */
beforeAll(async () => {
  await e2e.setUp();
  const address = `127.0.0.1:${e2e.temporalPort}`;
  reviews = await startReviewWorker(address);
  connection = await Connection.connect({ address });
  await startReview(new Client({ connection }), 'review-overdue-e2e', {
    siren: '842716409',
    phase: 'AWAITING_REVIEW',
    awaitedRole: 'SUPPORT',
    dueAt: new Date(Date.now() - 3_600_000).toISOString(),
  });
});

afterAll(async () => {
  await reviews?.stop();
  await connection?.close();
  await e2e.tearDown();
});

it('support opens the dashboard, follows the overdue tile, opens the process, reads its phase and terminates it with a reason', async () => {
  const support = DEMO_LOGINS.find((l) => l.role === AccountRole.SUPPORT)!;
  const page = await e2e.newPage();
  await e2e.logIn(page, support);
  const tile = page.getByRole('link', { name: 'Tâches en retard' });
  await tile.waitFor();
  for (let attempt = 0; attempt < 100; attempt++) {
    const overdue = await (await page.request.get(`${e2e.baseUrl}/api/workflows/stats`)).json();
    if (overdue.overdue === 1) break; // visibility shows the workflow's upserts a moment after it starts
    await page.waitForTimeout(200);
  }
  await page.reload();
  await tile.waitFor();
  expect(await tile.textContent()).toContain('1');
  await tile.click();
  await page.waitForURL(/#\/workflows\?filter=.*overdue/);
  const row = page.getByRole('row', { name: /documentReviewWorkflow/ });
  await row.waitFor();
  expect(await page.getByRole('row').count()).toBe(2); // the header and the one overdue process
  await row.click();

  await page.getByText('review-overdue-e2e').first().waitFor();
  await page.getByText('AWAITING_REVIEW').first().waitFor();
  await page.getByText('En retard', { exact: true }).first().waitFor();

  await page.getByRole('button', { name: 'Terminer le processus' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Motif', { exact: false }).fill('Relecture abandonnée par le client');
  await dialog.getByRole('button', { name: 'Terminer le processus' }).click();
  await page.getByText('Processus terminé').waitFor();
  await page.getByText('Interrompu', { exact: true }).first().waitFor();

  const detail = await (await page.request.get(`${e2e.baseUrl}/api/workflows/review-overdue-e2e`)).json();
  expect(detail.status).toBe('TERMINATED');
  const audit = await (await page.request.get(`${e2e.baseUrl}/api/audit-events?filter=${encodeURIComponent(JSON.stringify({ targetId: 'review-overdue-e2e' }))}`)).json();
  expect(audit).toEqual([expect.objectContaining({ action: 'WORKFLOW.TERMINATED', after: { reason: 'Relecture abandonnée par le client' } })]);
});
