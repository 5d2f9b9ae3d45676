import type { FilterQuery } from '@mikro-orm/core';
import { appendAudit } from '../../domain/audit/audit-trail';
import { Company } from '../../domain/company/company.entity';
import type { Scope } from '../../domain/auth/scope';
import { DomainError } from '../../domain/shared/domain-error';
import { authOf, MANAGERS } from '../auth/auth.middleware';
import { newRouter, type ApiContext } from '../context';
import { containing, defined, identifierStart } from '../http/filters';
import { z } from '../http/openapi';
import { readRoutes } from '../http/read-resource';
import { route } from '../http/route';
import { CompanyFilter, CompanyRecord, CompanyUpdate } from './companies.schemas';

export const companyScope = (scope: Scope): FilterQuery<Company> => (scope.kind === 'all' ? {} : { id: scope.companyId });

export const toCompanyRecord = (c: Company) => ({
  id: c.id,
  siren: c.siren,
  legalName: c.legalName,
  headOfficeAddress: c.headOfficeAddress,
  status: c.status,
  operator: c.operator,
  createdAt: c.createdAt.toISOString(),
});

export function companyRoutes(ctx: ApiContext) {
  const api = newRouter(ctx);
  readRoutes(api, ctx, {
    resource: 'companies',
    entity: Company,
    schema: CompanyRecord,
    guard: MANAGERS,
    scopeWhere: companyScope,
    filter: CompanyFilter,
    filterWhere: ({ q, status }) => ({
      ...defined({ status }),
      ...(q ? { $or: [{ siren: { $like: identifierStart(q) ?? '' } }, { legalName: { $ilike: containing(q) } }] } : {}),
    }),
    sortable: ['siren', 'legalName', 'status', 'createdAt'],
    defaultSort: ['legalName', 'ASC'],
    toRecord: toCompanyRecord,
  });

  route(
    api,
    {
      method: 'put',
      path: '/api/companies/:id',
      summary: 'Update the company profile (support, or an administrator of the company)',
      tags: ['companies'],
      guards: [MANAGERS],
      params: z.object({ id: z.string().uuid() }),
      body: CompanyUpdate,
      responses: { 200: { description: 'Updated', schema: CompanyRecord }, 404: { description: 'RESOURCE.NOT_FOUND' } },
    },
    async ({ params, body }, req, res) => {
      const auth = authOf(req);
      const record = await ctx.orm.em.fork().transactional(async (em) => {
        const company = await em.findOne(Company, { $and: [companyScope(auth.scope), { id: params.id }] });
        if (!company) throw new DomainError('NOT_FOUND', 'RESOURCE.NOT_FOUND', 'Entreprise introuvable.');
        const before = { legalName: company.legalName, headOfficeAddress: company.headOfficeAddress };
        Object.assign(company, body);
        appendAudit(em, {
          actorId: auth.account.id,
          actorLabel: `${auth.account.firstName} ${auth.account.lastName}`,
          action: 'COMPANY.UPDATED',
          targetType: 'Company',
          targetId: company.id,
          companyId: company.id,
          before,
          after: { ...body },
        });
        return toCompanyRecord(company);
      });
      res.json(record);
    },
  );
  return api.router;
}
