import { AuditEvent } from '../../domain/audit/audit-event.entity';
import { MANAGERS } from '../auth/auth.middleware';
import { newRouter, type ApiContext } from '../context';
import { defined } from '../http/filters';
import { z } from '../http/openapi';
import { readRoutes } from '../http/read-resource';

const AuditEventRecord = z
  .object({
    id: z.string().uuid(),
    at: z.string().datetime(),
    actorId: z.string().uuid().nullable(),
    actorLabel: z.string(),
    action: z.string(),
    targetType: z.string(),
    targetId: z.string(),
    companyId: z.string().uuid().nullable(),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
  })
  .openapi('AuditEvent');

/** The append-only trail: support sees all of it, an administrator his company's. */
export function auditEventRoutes(ctx: ApiContext) {
  const api = newRouter(ctx);
  readRoutes(api, ctx, {
    resource: 'audit-events',
    entity: AuditEvent,
    schema: AuditEventRecord,
    guard: MANAGERS,
    scopeWhere: (scope) => (scope.kind === 'all' ? {} : { companyId: scope.companyId }),
    filter: z.object({
      action: z.string().optional(),
      targetType: z.string().optional(),
      targetId: z.string().optional(),
      companyId: z.string().uuid().optional(),
      actorId: z.string().uuid().optional(),
    }),
    filterWhere: (f) => defined(f),
    sortable: ['at', 'action', 'targetType'],
    defaultSort: ['at', 'DESC'],
    toRecord: (e) => ({
      id: e.id,
      at: e.at.toISOString(),
      actorId: e.actorId ?? null,
      actorLabel: e.actorLabel,
      action: e.action,
      targetType: e.targetType,
      targetId: e.targetId,
      companyId: e.companyId ?? null,
      before: e.before ?? null,
      after: e.after ?? null,
    }),
  });
  return api.router;
}
