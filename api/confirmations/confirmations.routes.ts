import { newRouter, type ApiContext } from '../context';

export function confirmationRoutes(ctx: ApiContext) {
  const api = newRouter(ctx);
  return api.router;
}
