import { newRouter, type ApiContext } from '../context';

export function declarantRoutes(ctx: ApiContext) {
  const api = newRouter(ctx);
  return api.router;
}
