import { Habilitation } from '../../domain/rights/habilitation.entity';
import { authOf, MANAGERS, SIGNED_IN } from '../auth/auth.middleware';
import { newRouter, type ApiContext } from '../context';
import { z } from '../http/openapi';
import { readRoutes } from '../http/read-resource';
import { route } from '../http/route';
import {
  HabilitationFilter,
  habilitationFilterWhere,
  HabilitationRecord,
  habilitationScope,
  HabilitationSet,
  toHabilitationRecord,
} from './habilitations.schemas';
import { revokeHabilitation, setHabilitation } from './habilitations.service';

/** The habilitation matrix: managed by support and administrators, read by a declarant for himself. */
export function habilitationRoutes(ctx: ApiContext) {
  const { orm } = ctx;
  const api = newRouter(ctx);
  readRoutes(api, ctx, {
    resource: 'habilitations',
    entity: Habilitation,
    schema: HabilitationRecord,
    guard: SIGNED_IN,
    scopeWhere: habilitationScope,
    filter: HabilitationFilter,
    filterWhere: habilitationFilterWhere,
    sortable: ['siret', 'createdAt'],
    defaultSort: ['siret', 'ASC'],
    toRecord: toHabilitationRecord,
  });

  route(
    api,
    {
      method: 'put',
      path: '/api/habilitations',
      summary: 'Set one cell of the matrix (declarant × SIRET × service): grant or change its rights; all rights off revokes it',
      tags: ['habilitations'],
      guards: [MANAGERS],
      body: HabilitationSet,
      responses: {
        200: { description: 'The habilitation', schema: HabilitationRecord },
        204: { description: 'Revoked (or there was none)' },
        400: { description: 'VALIDATION.FAILED (precise SIRET message), HABILITATION.SERVICE_UNKNOWN, HABILITATION.SIRET_NOT_IN_PORTFOLIO or HABILITATION.SERVICE_NOT_IN_PORTFOLIO' },
        404: { description: 'RESOURCE.NOT_FOUND (portfolio or declarant)' },
        409: { description: 'HABILITATION.OTHER_PORTFOLIO' },
      },
    },
    async ({ body }, req, res) => {
      const habilitation = await setHabilitation(orm, authOf(req), body);
      if (habilitation) res.json(toHabilitationRecord(habilitation));
      else res.status(204).end();
    },
  );

  route(
    api,
    {
      method: 'delete',
      path: '/api/habilitations/:id',
      summary: 'Revoke a habilitation',
      tags: ['habilitations'],
      guards: [MANAGERS],
      params: z.object({ id: z.string().uuid('Identifiant invalide') }),
      responses: { 204: { description: 'Revoked' }, 404: { description: 'RESOURCE.NOT_FOUND' } },
    },
    async ({ params }, req, res) => {
      await revokeHabilitation(orm, authOf(req), params.id);
      res.status(204).end();
    },
  );

  return api.router;
}
