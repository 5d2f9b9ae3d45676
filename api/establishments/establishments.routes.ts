import { Establishment, EstablishmentStatus } from '../../domain/company/establishment.entity';
import { MANAGERS } from '../auth/auth.middleware';
import { newRouter, type ApiContext } from '../context';
import { containing, defined, identifierStart } from '../http/filters';
import { z } from '../http/openapi';
import { readRoutes } from '../http/read-resource';

const EstablishmentRecord = z
  .object({
    id: z.string().uuid(),
    siret: z.string(),
    companyId: z.string().uuid(),
    name: z.string(),
    address: z.string(),
    status: z.enum(EstablishmentStatus),
    headOffice: z.boolean(),
    createdAt: z.string().datetime(),
  })
  .openapi('Establishment');

export function establishmentRoutes(ctx: ApiContext) {
  const api = newRouter(ctx);
  readRoutes(api, ctx, {
    resource: 'establishments',
    entity: Establishment,
    schema: EstablishmentRecord,
    guard: MANAGERS,
    scopeWhere: (scope) => (scope.kind === 'all' ? {} : { company: scope.companyId }),
    filter: z.object({
      q: z.string().trim().optional(),
      companyId: z.string().uuid().optional(),
      status: z.enum(EstablishmentStatus).optional(),
    }),
    filterWhere: ({ q, companyId, status }) => ({
      ...defined({ company: companyId, status }),
      ...(q ? { $or: [{ siret: { $like: identifierStart(q) ?? '' } }, { name: { $ilike: containing(q) } }] } : {}),
    }),
    sortable: ['siret', 'name', 'status', 'createdAt'],
    defaultSort: ['siret', 'ASC'],
    toRecord: (e) => ({
      id: e.id,
      siret: e.siret,
      companyId: e.company.id,
      name: e.name,
      address: e.address,
      status: e.status,
      headOffice: e.headOffice,
      createdAt: e.createdAt.toISOString(),
    }),
  });
  return api.router;
}
