import { z } from '../http/openapi';

export const ApiKeyRecord = z
  .object({
    id: z.string().uuid(),
    companyId: z.string().uuid(),
    name: z.string(),
    prefix: z.string().openapi({ example: 'bo_1f3a9c2e' }),
    createdAt: z.string().datetime(),
    revokedAt: z.string().datetime().nullable(),
    lastUsedAt: z.string().datetime().nullable(),
  })
  .openapi('ApiKey');

export const ApiKeyCreated = ApiKeyRecord.extend({
  key: z.string().openapi({ description: 'The clear key, shown once: only its SHA-256 is stored' }),
}).openapi('ApiKeyCreated');

export const ApiKeyCreate = z
  .object({
    name: z.string().trim().min(1, 'Nom obligatoire').max(100),
    companyId: z.string().uuid().optional().openapi({ description: 'Support only: the company the key is for' }),
  })
  .openapi('ApiKeyCreate');

export const ApiKeyFilter = z.object({ companyId: z.string().uuid().optional() });
