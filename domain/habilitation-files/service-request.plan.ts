import { commit, ensureDefault, noCounts, range, revokeHeld } from './cell-plan';
import type { PlanReport } from './file-plan';
import { FILE_CODES } from './habilitation-file.reasons';
import type { PlannedChange } from './planned-change';
import type { PortfolioIndex } from './portfolio-index';

/** One service added to or removed from a whole portfolio (the SERVICE kind): no file. */
export interface ServiceRequest {
  serviceCode: string;
  action: 'GRANT' | 'REVOKE';
}

/** A request has no lines: its changes carry line 0. */
export const REQUEST_LINE = 0;

/**
 * GRANT gives the service, with the default rights, on every SIRET of the
 * portfolio to each of its declarants (PortfolioIndex: those holding a
 * habilitation through it), creating only the cells missing; REVOKE removes
 * every habilitation of the service granted through the portfolio. The
 * service must be in the portfolio (adding it there is the portfolio's
 * content, api/portfolios); a grant needs a declarant to give it to.
 */
export function planServiceRequest(index: PortfolioIndex, request: ServiceRequest): { changes: PlannedChange[]; report: PlanReport } {
  const counts = noCounts();
  const refused = (code: string, params: Record<string, string> = {}) => ({ changes: [], report: { counts, refusal: { code, params } } });
  const service = index.service(request.serviceCode);
  if (service === undefined) return refused(FILE_CODES.serviceNotInPortfolio, { serviceCode: request.serviceCode });
  const sirets = range(index.sirets.length);
  const declarants = index.portfolioDeclarants();
  if (request.action === 'GRANT' && !declarants.length) return refused(FILE_CODES.noDeclarant);
  const cells = request.action === 'GRANT' ? ensureDefault(index, REQUEST_LINE, declarants, sirets, [service]) : revokeHeld(index, REQUEST_LINE, sirets, [service]);
  return { changes: commit(counts, cells), report: { counts, refusal: null } };
}
