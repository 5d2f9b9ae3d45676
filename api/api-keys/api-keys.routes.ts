import { newRouter, type ApiContext } from '../context';

export function apiKeyRoutes(ctx: ApiContext) {
  const api = newRouter(ctx);
  return api.router;
}
