import { newRouter, type ApiContext } from '../context';
import { solteaAllocationRoutes } from './soltea-allocations.routes';
import { solteaApplicationRoutes } from './soltea-applications.routes';
import { solteaBalanceRoutes } from './soltea-balances.routes';
import { solteaCampaignRoutes } from './soltea-campaigns.routes';
import { solteaTransferRoutes } from './soltea-transfers.routes';

/** SOLTéA (DOMAIN.md): campaigns and their runs, establishments' applications, employers' balances, allocations and groups, transfers. */
export function solteaRoutes(ctx: ApiContext) {
  const api = newRouter(ctx);
  solteaCampaignRoutes(api, ctx);
  solteaApplicationRoutes(api, ctx);
  solteaBalanceRoutes(api, ctx);
  solteaAllocationRoutes(api, ctx);
  solteaTransferRoutes(api, ctx);
  return api.router;
}
