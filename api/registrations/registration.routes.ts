import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import { REGISTRATION_DEFAULTS } from '../../domain/registration/registration.defaults';
import {
  confirmRegistrationUpdate,
  REGISTRATION_WORKFLOW_TYPE,
  registrationStatusQuery,
  resendConfirmationUpdate,
  type RegistrationStatus,
} from '../../workflows/registration/registration.messages';
import { SUPPORT_ONLY } from '../auth/auth.middleware';
import { usableConfirmationToken } from '../confirmations/confirmation-token';
import { newRouter, type ApiContext } from '../context';
import { idsFilter, listPage, listQuery, sendList } from '../http/list-query';
import { actingTemporal, temporalActingAs } from '../workflows/acting-client';
import { VISIBILITY_STATUS, workflowIdsClause } from '../workflows/visibility-query';
import { WORKFLOW_STATUSES } from '../workflows/workflows.schemas';
import { z } from '../http/openapi';
import { publicRateLimiter } from '../http/rate-limit';
import { route } from '../http/route';
import { temporalUiLink } from '../http/temporal-ui';
import {
  Confirmed,
  RegistrationAccepted,
  RegistrationRecord,
  RegistrationRequest,
  TokenBody,
} from './registration.schemas';
import { registerCompany } from './registration.service';

const WorkflowIdParams = z.object({ id: z.string().regex(/^registration-\d{9}$/, 'Identifiant d’inscription invalide') });
const RegistrationFilter = z.object({ workflowStatus: z.enum(WORKFLOW_STATUSES).optional() });

export function registrationRoutes(ctx: ApiContext) {
  const { orm, temporal, config } = ctx;
  const api = newRouter(ctx);
  const publicLimiter = publicRateLimiter(config);
  const durations = ctx.registrationDurations ?? REGISTRATION_DEFAULTS;
  const uiLink = (e: ExecutionSummary) => temporalUiLink(config.temporalUiUrl, config.temporalNamespace, e);

  const usableToken = (token: string, allowExpired: boolean) =>
    usableConfirmationToken(orm.em.fork(), token, { purpose: 'REGISTRATION', allowExpired });

  route(
    api,
    {
      method: 'post',
      path: '/api/registrations',
      summary:
        'Register a company (public): starts the companyRegistration workflow. The answer is the same whatever the portal holds; the mail to the address given tells the truth (the confirmation link, or why nothing started)',
      tags: ['registrations'],
      public: true,
      guards: [publicLimiter],
      body: RegistrationRequest,
      responses: {
        202: { description: 'Accepted, whatever the portal holds: the id of the SIREN’s registration workflow; a mail is on its way', schema: RegistrationAccepted },
        400: { description: 'VALIDATION.FAILED with field errors' },
      },
    },
    async ({ body }, _req, res) => {
      const workflowId = await registerCompany(orm, temporal, body, durations);
      res.status(202).json({ id: workflowId, workflowId });
    },
  );

  route(
    api,
    {
      method: 'post',
      path: '/api/registrations/confirm',
      summary: 'Confirm the Primo AD’s e-mail address with the token of the mail’s link (public)',
      tags: ['registrations'],
      public: true,
      guards: [publicLimiter],
      body: TokenBody,
      responses: {
        200: { description: 'Company and administrator are active', schema: Confirmed },
        400: { description: 'REGISTRATION.TOKEN_INVALID' },
        410: { description: 'REGISTRATION.TOKEN_EXPIRED, REGISTRATION.TOKEN_SUPERSEDED or REGISTRATION.TOKEN_USED' },
      },
    },
    async ({ body }, _req, res) => {
      const row = await usableToken(body.token, false);
      await temporalActingAs(temporal, row.account).workflow.getHandle(row.workflowId).executeUpdate(confirmRegistrationUpdate, { args: [{ tokenId: row.id }] });
      const { siret, lastName, firstName } = row.account;
      res.json({ status: 'CONFIRMED', siret, lastName, firstName });
    },
  );

  route(
    api,
    {
      method: 'post',
      path: '/api/registrations/resend',
      summary: 'Send a new confirmation link to the registered address, from an expired or replaced link (public)',
      tags: ['registrations'],
      public: true,
      guards: [publicLimiter],
      body: TokenBody,
      responses: { 200: { description: 'A new mail is on its way' }, 400: { description: 'REGISTRATION.TOKEN_INVALID' } },
    },
    async ({ body }, _req, res) => {
      const row = await usableToken(body.token, true);
      const answer = await temporalActingAs(temporal, row.account).workflow.getHandle(row.workflowId).executeUpdate(resendConfirmationUpdate);
      res.json(answer);
    },
  );

  route(
    api,
    {
      method: 'get',
      path: '/api/registrations',
      summary: 'Company registration processes, read from Temporal (support)',
      tags: ['registrations'],
      guards: [SUPPORT_ONLY],
      query: listQuery(RegistrationFilter, idsFilter(WorkflowIdParams.shape.id)),
      responses: { 200: { description: 'One page', schema: z.array(RegistrationRecord) } },
    },
    async ({ query }, _req, res) => {
      const page = listPage(query);
      const { workflowStatus, id } = page.filter;
      const visibility = [
        `WorkflowType = '${REGISTRATION_WORKFLOW_TYPE}'`,
        ...(workflowStatus ? [`ExecutionStatus = '${VISIBILITY_STATUS[workflowStatus]}'`] : []),
        ...(id === undefined ? [] : [workflowIdsClause(id)]),
      ].join(' AND ');
      const { count } = await temporal.workflow.count(visibility);
      const executions: WorkflowExecutionInfo[] = [];
      let index = 0;
      for await (const execution of temporal.workflow.list({ query: visibility, pageSize: Math.min(page.offset + page.limit, 1000) })) {
        if (index++ >= page.offset) executions.push(execution);
        if (executions.length >= page.limit) break;
      }
      const records = await Promise.all(executions.map((e) => registrationRecord(temporal, e, uiLink)));
      sendList(res, 'registrations', page, records, count);
    },
  );

  route(
    api,
    {
      method: 'get',
      path: '/api/registrations/:id',
      summary: 'One registration process with its workflow status (support)',
      tags: ['registrations'],
      guards: [SUPPORT_ONLY],
      params: WorkflowIdParams,
      responses: { 200: { description: 'The registration', schema: RegistrationRecord }, 404: { description: 'WORKFLOW.NOT_FOUND' } },
    },
    async ({ params }, _req, res) => {
      const execution = await temporal.workflow.getHandle(params.id).describe();
      res.json(await registrationRecord(temporal, execution, uiLink));
    },
  );

  route(
    api,
    {
      method: 'post',
      path: '/api/registrations/:id/resend',
      summary: 'Send a new confirmation link (support); the previous link stops working',
      tags: ['registrations'],
      guards: [SUPPORT_ONLY],
      params: WorkflowIdParams,
      responses: { 200: { description: 'A new mail is on its way' }, 409: { description: 'REGISTRATION.ALREADY_CONFIRMED' } },
    },
    async ({ params }, req, res) => {
      res.json(await actingTemporal(temporal, req).workflow.getHandle(params.id).executeUpdate(resendConfirmationUpdate));
    },
  );

  return api.router;
}

type ExecutionSummary = Pick<WorkflowExecutionInfo, 'workflowId' | 'runId' | 'memo' | 'status' | 'startTime' | 'closeTime'>;

async function registrationRecord(temporal: Client, execution: ExecutionSummary, uiLink: (e: ExecutionSummary) => string) {
  const memo = (execution.memo ?? {}) as Record<string, string | undefined>;
  const status = await temporal.workflow
    .getHandle(execution.workflowId, execution.runId)
    .query(registrationStatusQuery)
    .catch((): Partial<RegistrationStatus> => ({}));
  return {
    id: execution.workflowId,
    siren: memo.siren ?? null,
    siret: memo.siret ?? null,
    legalName: memo.legalName ?? null,
    workflowStatus: execution.status.name,
    phase: status.phase ?? null,
    tokenExpiresAt: status.tokenExpiresAt ?? null,
    purgeAt: status.purgeAt ?? null,
    mailsSent: status.mailsSent ?? null,
    reminderSent: status.reminderSent ?? null,
    confirmedAt: status.confirmedAt ?? null,
    startedAt: execution.startTime.toISOString(),
    closedAt: execution.closeTime ? execution.closeTime.toISOString() : null,
    temporalUiUrl: uiLink(execution),
  };
}
