import { newRouter, type ApiContext } from '../context';

export function dsnRoutes(ctx: ApiContext) {
  const api = newRouter(ctx);
  return api.router;
}
