import { newRouter, type ApiContext } from '../context';
import { preventionDeclarationRoutes } from './prevention-declarations.routes';
import { preventionLearnerRoutes } from './prevention-learners.routes';

/** Passeport de prévention (DOMAIN.md): declarations and their learners' lines, the employer's verification. */
export function preventionRoutes(ctx: ApiContext) {
  const api = newRouter(ctx);
  preventionDeclarationRoutes(api, ctx);
  preventionLearnerRoutes(api, ctx);
  return api.router;
}
