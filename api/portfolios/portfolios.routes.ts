import { newRouter, type ApiContext } from '../context';

export function portfolioRoutes(ctx: ApiContext) {
  const api = newRouter(ctx);
  return api.router;
}
