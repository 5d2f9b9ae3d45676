import { OutboxMessage, OutboxStatus } from '../../domain/mail/outbox-message.entity';
import { SUPPORT_ONLY } from '../auth/auth.middleware';
import { newRouter, type ApiContext } from '../context';
import { containing, defined } from '../http/filters';
import { z } from '../http/openapi';
import { readRoutes } from '../http/read-resource';

const OutboxRecord = z
  .object({
    id: z.string().uuid(),
    to: z.string(),
    subject: z.string(),
    text: z.string(),
    html: z.string(),
    links: z.array(z.string().url()),
    status: z.enum(OutboxStatus),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    companyId: z.string().uuid().nullable(),
    createdAt: z.string().datetime(),
    sentAt: z.string().datetime().nullable(),
  })
  .openapi('OutboxMessage');

/** Every mail the system sent or will send (support only), newest first. */
export function outboxRoutes(ctx: ApiContext) {
  const api = newRouter(ctx);
  readRoutes(api, ctx, {
    resource: 'outbox',
    entity: OutboxMessage,
    schema: OutboxRecord,
    guard: SUPPORT_ONLY,
    scopeWhere: () => ({}),
    filter: z.object({
      q: z.string().trim().optional(),
      status: z.enum(OutboxStatus).optional(),
      companyId: z.string().uuid().optional(),
    }),
    filterWhere: ({ q, status, companyId }) => ({
      ...defined({ status, companyId }),
      ...(q ? { $or: [{ to: { $ilike: containing(q) } }, { subject: { $ilike: containing(q) } }] } : {}),
    }),
    sortable: ['createdAt', 'sentAt', 'to', 'status'],
    defaultSort: ['createdAt', 'DESC'],
    toRecord: (m) => ({
      id: m.id,
      to: m.to,
      subject: m.subject,
      text: m.text,
      html: m.html,
      links: m.links,
      status: m.status,
      attempts: m.attempts,
      lastError: m.lastError ?? null,
      companyId: m.companyId ?? null,
      createdAt: m.createdAt.toISOString(),
      sentAt: m.sentAt ? m.sentAt.toISOString() : null,
    }),
  });
  return api.router;
}
