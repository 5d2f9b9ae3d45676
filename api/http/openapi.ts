import { extendZodWithOpenApi, OpenAPIRegistry, OpenApiGeneratorV3 } from '@asteasolutions/zod-to-openapi';
import { z as zod } from 'zod';
import * as z from './strict-zod';

extendZodWithOpenApi(zod);

export { z };

export const ErrorBody = z
  .object({
    code: z.string().openapi({ example: 'REGISTRATION.SIREN_TAKEN' }),
    message: z.string(),
    errors: z.record(z.string(), z.string()).optional(),
    requestId: z.string().optional(),
  })
  .openapi('Error');

export function createRegistry(): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  registry.register('Error', ErrorBody);
  registry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'bo_session' });
  return registry;
}

export function openApiDocument(registry: OpenAPIRegistry) {
  return new OpenApiGeneratorV3(registry.definitions).generateDocument({
    openapi: '3.0.3',
    info: {
      title: 'Net-entreprises back-office API',
      version: '1.0.0',
      description:
        'Back-office of an employer social-declaration portal. Lists follow react-admin simple-rest (sort, range, filter, Content-Range). Errors are always {code, message, errors?}.',
    },
    servers: [{ url: '/' }],
  });
}
