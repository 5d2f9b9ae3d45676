import { newRouter, type ApiContext } from '../context';
import { preventionDeclarationRoutes } from './prevention-declarations.routes';
import { preventionImportRoutes } from './prevention-import.routes';
import { preventionLearnerRoutes } from './prevention-learners.routes';
import { preventionWindowRoutes } from './prevention-windows.routes';
import { preventionCheckRoutes } from './prevention-checks.routes';

/** Passeport de prévention (DOMAIN.md): declarations and their learners' lines, the employer's verification, the verification windows. */
export function preventionRoutes(ctx: ApiContext) {
  const api = newRouter(ctx);
  preventionImportRoutes(api, ctx); // before /:id, which would take /import-model for an id
  preventionDeclarationRoutes(api, ctx);
  preventionLearnerRoutes(api, ctx);
  preventionWindowRoutes(api, ctx);
  preventionCheckRoutes(api, ctx);
  return api.router;
}
