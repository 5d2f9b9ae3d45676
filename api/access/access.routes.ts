import { newRouter, type ApiContext } from '../context';

export function accessRoutes(ctx: ApiContext) {
  const api = newRouter(ctx);
  return api.router;
}
