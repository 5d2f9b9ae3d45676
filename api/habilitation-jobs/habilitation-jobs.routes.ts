import { newRouter, type ApiContext } from '../context';
import { habilitationFileRoutes } from './habilitation-file.routes';
import { habilitationJobActionRoutes } from './habilitation-job-actions.routes';
import { habilitationJobReadRoutes } from './habilitation-job-read.routes';
import { habilitationJobUploadRoutes } from './habilitation-job-upload.routes';

/** Mass habilitation management (DOMAIN.md, issue 14): a portfolio's files, its jobs' dry-runs, their processes steered and followed. */
export function habilitationJobRoutes(ctx: ApiContext) {
  const api = newRouter(ctx);
  habilitationFileRoutes(api, ctx);
  habilitationJobUploadRoutes(api, ctx);
  habilitationJobReadRoutes(api, ctx);
  habilitationJobActionRoutes(api, ctx);
  return api.router;
}
