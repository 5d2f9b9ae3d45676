import { auditActor } from '../../domain/account/audit-actor';
import { appendAudit } from '../../domain/audit/audit-trail';
import { companyNotFound, establishmentNotFound } from '../../domain/collaborators/collaborators.errors';
import { cleanUpObsoleteRights, OBSOLETE_REASONS, obsoleteRights } from '../../domain/collaborators/obsolete-rights';
import { Company } from '../../domain/company/company.entity';
import { Establishment, EstablishmentStatus } from '../../domain/company/establishment.entity';
import { authOf, MANAGERS } from '../auth/auth.middleware';
import { companyScope } from '../companies/companies.routes';
import { newRouter, type ApiContext } from '../context';
import { z } from '../http/openapi';
import { route } from '../http/route';
import { Siret } from '../portfolios/identifier.schemas';

const CompanyParams = z.object({ id: z.string().uuid('Identifiant invalide') });

const ObsoleteList = z
  .object({
    count: z.number(),
    items: z.array(
      z.object({
        habilitationId: z.string(),
        accountId: z.string(),
        lastName: z.string(),
        firstName: z.string(),
        siret: z.string(),
        serviceCode: z.string(),
        portfolioName: z.string(),
        reason: z.enum(OBSOLETE_REASONS),
      }),
    ),
  })
  .openapi('ObsoleteRights');

const CleanupBody = z
  .object({ expectedCount: z.number().int().min(0), siret: Siret.optional() })
  .openapi('ObsoleteRightsCleanup');

const ClosedEstablishment = z.object({ siret: z.string(), status: z.enum(EstablishmentStatus), obsoleteRights: z.number() }).openapi('ClosedEstablishment');

/** Hygiene of rights: the obsolete ones of a company, their clean-up in one confirmed step, and closing an establishment. */
export function obsoleteRightRoutes(ctx: ApiContext) {
  const { orm } = ctx;
  const api = newRouter(ctx);

  route(
    api,
    {
      method: 'get',
      path: '/api/companies/:id/obsolete-rights',
      summary: 'Obsolete rights of a company (radiated holder, closed establishment, SIRET or service out of the portfolio), optionally for one SIRET',
      tags: ['obsolete-rights'],
      guards: [MANAGERS],
      params: CompanyParams,
      query: z.object({ siret: Siret.optional() }),
      responses: { 200: { description: 'The list and its count', schema: ObsoleteList }, 404: { description: 'RESOURCE.NOT_FOUND' } },
    },
    async ({ params, query }, req, res) => {
      const em = orm.em.fork();
      const company = await em.findOne(Company, { $and: [companyScope(authOf(req).scope), { id: params.id }] });
      if (!company) throw companyNotFound();
      const items = await obsoleteRights(em, company.id, query.siret ?? null);
      res.json({ count: items.length, items });
    },
  );

  route(
    api,
    {
      method: 'post',
      path: '/api/companies/:id/obsolete-rights/cleanup',
      summary: 'Remove the obsolete rights shown, in one step; refused if the list changed since (expectedCount)',
      tags: ['obsolete-rights'],
      guards: [MANAGERS],
      params: CompanyParams,
      body: CleanupBody,
      responses: { 200: { description: 'How many were removed', schema: z.object({ removed: z.number() }) }, 404: { description: 'RESOURCE.NOT_FOUND' }, 409: { description: 'CLEANUP.COUNT_CHANGED' } },
    },
    async ({ params, body }, req, res) => {
      const auth = authOf(req);
      const removed = await orm.em.fork().transactional(async (em) => {
        const company = await em.findOne(Company, { $and: [companyScope(auth.scope), { id: params.id }] });
        if (!company) throw companyNotFound();
        return cleanUpObsoleteRights(em, company.id, body.siret ?? null, body.expectedCount, auditActor(auth.account));
      });
      res.json({ removed });
    },
  );

  route(
    api,
    {
      method: 'post',
      path: '/api/establishments/:siret/close',
      summary: 'Close an establishment (support, or an administrator of its company); answers how many rights on it became obsolete',
      tags: ['establishments'],
      guards: [MANAGERS],
      params: z.object({ siret: Siret }),
      responses: { 200: { description: 'The closed establishment', schema: ClosedEstablishment }, 404: { description: 'RESOURCE.NOT_FOUND' } },
    },
    async ({ params }, req, res) => {
      const auth = authOf(req);
      const closed = await orm.em.fork().transactional(async (em) => {
        const scope = auth.scope.kind === 'all' ? {} : { company: auth.scope.companyId };
        const establishment = await em.findOne(Establishment, { siret: params.siret, ...scope });
        if (!establishment) throw establishmentNotFound();
        if (establishment.status !== EstablishmentStatus.CLOSED) {
          appendAudit(em, {
            ...auditActor(auth.account),
            action: 'ESTABLISHMENT.CLOSED',
            targetType: 'Establishment',
            targetId: establishment.id,
            companyId: establishment.company.id,
            before: { siret: establishment.siret, status: establishment.status },
            after: { siret: establishment.siret, status: EstablishmentStatus.CLOSED },
          });
          establishment.status = EstablishmentStatus.CLOSED;
        }
        return establishment;
      });
      const obsolete = await obsoleteRights(orm.em.fork(), closed.company.id, closed.siret);
      res.json({ siret: closed.siret, status: closed.status, obsoleteRights: obsolete.length });
    },
  );

  return api.router;
}
