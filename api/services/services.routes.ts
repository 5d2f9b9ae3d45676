import { newRouter, type ApiContext } from '../context';

export function serviceRoutes(ctx: ApiContext) {
  const api = newRouter(ctx);
  return api.router;
}
