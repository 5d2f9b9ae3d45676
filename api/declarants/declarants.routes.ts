import { Account } from '../../domain/account/account.entity';
import { authOf, MANAGERS } from '../auth/auth.middleware';
import { newRouter, type ApiContext } from '../context';
import { z } from '../http/openapi';
import { readRoutes } from '../http/read-resource';
import { route } from '../http/route';
import { actingTemporal } from '../workflows/acting-client';
import { DeclarantCreate, DeclarantFilter, declarantFilterWhere, DeclarantRecord, DeclarantUpdate, toDeclarantRecord } from './declarants.schemas';
import { createDeclarant, declarantScope, resendLink, updateDeclarant } from './declarants.service';

const IdParams = z.object({ id: z.string().uuid('Identifiant invalide') });

/** Declarant management: support for every company, an administrator for his own; declarants are refused. */
export function declarantRoutes(ctx: ApiContext) {
  const { orm, temporal } = ctx;
  const api = newRouter(ctx);
  readRoutes(api, ctx, {
    resource: 'declarants',
    entity: Account,
    schema: DeclarantRecord,
    guard: MANAGERS,
    scopeWhere: declarantScope,
    filter: DeclarantFilter,
    filterWhere: declarantFilterWhere,
    sortable: ['lastName', 'firstName', 'siret', 'email', 'role', 'status', 'createdAt'],
    defaultSort: ['lastName', 'ASC'],
    toRecord: toDeclarantRecord,
  });

  route(
    api,
    {
      method: 'post',
      path: '/api/declarants',
      summary: 'Create a declarant on one of the company’s establishments; a confirmation link is mailed to him',
      tags: ['declarants'],
      guards: [MANAGERS],
      body: DeclarantCreate,
      responses: {
        201: { description: 'Created, PENDING until he confirms his address', schema: DeclarantRecord },
        400: { description: 'VALIDATION.FAILED or DECLARANT.ESTABLISHMENT_UNKNOWN, with field errors' },
        409: { description: 'DECLARANT.IDENTITY_TAKEN' },
      },
    },
    async ({ body }, req, res) => {
      res.status(201).json(toDeclarantRecord(await createDeclarant(orm, actingTemporal(temporal, req), authOf(req), body)));
    },
  );

  route(
    api,
    {
      method: 'put',
      path: '/api/declarants/:id',
      summary: 'Correct a declarant’s name or e-mail address; a new address gets a new confirmation link',
      tags: ['declarants'],
      guards: [MANAGERS],
      params: IdParams,
      body: DeclarantUpdate,
      responses: {
        200: { description: 'Updated', schema: DeclarantRecord },
        404: { description: 'RESOURCE.NOT_FOUND' },
        409: { description: 'DECLARANT.IDENTITY_TAKEN or DECLARANT.REGISTRATION_PENDING' },
      },
    },
    async ({ params, body }, req, res) => {
      res.json(toDeclarantRecord(await updateDeclarant(orm, actingTemporal(temporal, req), authOf(req), params.id, body)));
    },
  );

  route(
    api,
    {
      method: 'post',
      path: '/api/declarants/:id/resend',
      summary: 'Mail a new confirmation link to a declarant whose address is not confirmed; the previous link stops working',
      tags: ['declarants'],
      guards: [MANAGERS],
      params: IdParams,
      responses: {
        200: { description: 'A new mail is on its way', schema: DeclarantRecord },
        404: { description: 'RESOURCE.NOT_FOUND' },
        409: { description: 'DECLARANT.ALREADY_CONFIRMED' },
      },
    },
    async ({ params }, req, res) => {
      res.json(toDeclarantRecord(await resendLink(orm, actingTemporal(temporal, req), authOf(req), params.id)));
    },
  );

  return api.router;
}
