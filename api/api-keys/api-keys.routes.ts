import type { FilterQuery } from '@mikro-orm/core';
import { AccountRole } from '../../domain/account/account.entity';
import { appendAudit } from '../../domain/audit/audit-trail';
import { ApiKey } from '../../domain/auth/api-key.entity';
import type { Scope } from '../../domain/auth/scope';
import { Company } from '../../domain/company/company.entity';
import { DomainError } from '../../domain/shared/domain-error';
import { authOf, MANAGERS, type AuthContext } from '../auth/auth.middleware';
import { newRouter, type ApiContext } from '../context';
import { defined } from '../http/filters';
import { z } from '../http/openapi';
import { readRoutes } from '../http/read-resource';
import { route } from '../http/route';
import { newApiKey } from './api-key.secret';
import { ApiKeyCreate, ApiKeyCreated, ApiKeyFilter, ApiKeyRecord } from './api-keys.schemas';

const apiKeyScope = (scope: Scope): FilterQuery<ApiKey> => (scope.kind === 'all' ? {} : { company: scope.companyId });

const iso = (d?: Date | null) => (d ? d.toISOString() : null);

const toApiKeyRecord = (k: ApiKey) => ({
  id: k.id,
  companyId: k.company.id,
  name: k.name,
  prefix: k.prefix,
  createdAt: k.createdAt.toISOString(),
  revokedAt: iso(k.revokedAt),
  lastUsedAt: iso(k.lastUsedAt),
});

const notFound = (what: string) => new DomainError('NOT_FOUND', 'RESOURCE.NOT_FOUND', `${what} introuvable.`);

/** Support names the company; an administrator's key is for his own company. */
function targetCompanyId(auth: AuthContext, requested: string | undefined): string {
  if (auth.role === AccountRole.SUPPORT) {
    if (!requested) throw new DomainError('INVALID', 'VALIDATION.FAILED', 'Choisissez l’entreprise.', { companyId: 'Entreprise obligatoire' });
    return requested;
  }
  const own = auth.account.company.id;
  if (requested && requested !== own) throw notFound('Entreprise');
  return own;
}

const actor = (auth: AuthContext) => ({ actorId: auth.account.id, actorLabel: `${auth.account.firstName} ${auth.account.lastName}` });

/** API keys of machine clients: administrators manage their company's, support all. */
export function apiKeyRoutes(ctx: ApiContext) {
  const api = newRouter(ctx);
  readRoutes(api, ctx, {
    resource: 'api-keys',
    entity: ApiKey,
    schema: ApiKeyRecord,
    guard: MANAGERS,
    scopeWhere: apiKeyScope,
    filter: ApiKeyFilter,
    filterWhere: ({ companyId }) => defined({ company: companyId }),
    sortable: ['name', 'prefix', 'createdAt', 'revokedAt', 'lastUsedAt'],
    defaultSort: ['createdAt', 'DESC'],
    toRecord: toApiKeyRecord,
  });

  route(
    api,
    {
      method: 'post',
      path: '/api/api-keys',
      summary: 'Create an API key (the clear key is in this answer only)',
      tags: ['api-keys'],
      guards: [MANAGERS],
      body: ApiKeyCreate,
      responses: { 201: { description: 'Created, with the clear key', schema: ApiKeyCreated }, 404: { description: 'RESOURCE.NOT_FOUND' } },
    },
    async ({ body }, req, res) => {
      const auth = authOf(req);
      const companyId = targetCompanyId(auth, body.companyId);
      const created = await ctx.orm.em.fork().transactional(async (em) => {
        const company = await em.findOne(Company, { id: companyId });
        if (!company) throw notFound('Entreprise');
        const { key, prefix, hash } = newApiKey();
        const apiKey = em.create(ApiKey, { company, name: body.name, prefix, keyHash: hash, createdBy: auth.account.id });
        appendAudit(em, {
          ...actor(auth),
          action: 'API_KEY.CREATED',
          targetType: 'ApiKey',
          targetId: apiKey.id,
          companyId,
          after: { name: apiKey.name, prefix },
        });
        return { ...toApiKeyRecord(apiKey), key };
      });
      res.status(201).json(created);
    },
  );

  route(
    api,
    {
      method: 'delete',
      path: '/api/api-keys/:id',
      summary: 'Revoke an API key (effective on its next call)',
      tags: ['api-keys'],
      guards: [MANAGERS],
      params: z.object({ id: z.string().uuid() }),
      responses: { 204: { description: 'Revoked' }, 404: { description: 'RESOURCE.NOT_FOUND' } },
    },
    async ({ params }, req, res) => {
      const auth = authOf(req);
      await ctx.orm.em.fork().transactional(async (em) => {
        const apiKey = await em.findOne(ApiKey, { $and: [apiKeyScope(auth.scope), { id: params.id }] });
        if (!apiKey) throw notFound('Clé d’API');
        if (apiKey.revokedAt) return;
        apiKey.revokedAt = new Date();
        appendAudit(em, {
          ...actor(auth),
          action: 'API_KEY.REVOKED',
          targetType: 'ApiKey',
          targetId: apiKey.id,
          companyId: apiKey.company.id,
          before: { revokedAt: null },
          after: { revokedAt: apiKey.revokedAt.toISOString() },
        });
      });
      res.status(204).end();
    },
  );
  return api.router;
}
