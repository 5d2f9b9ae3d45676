import { newRouter, type ApiContext } from '../context';

export function habilitationRoutes(ctx: ApiContext) {
  const api = newRouter(ctx);
  return api.router;
}
