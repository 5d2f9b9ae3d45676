import { toHttp } from '../errors/error-handler';
import { z } from './openapi';

export interface BulkResult {
  id: string;
  ok: boolean;
  code?: string;
  message?: string;
}

/** The answer of a bulk action: one result per id, in the order given. */
export const BulkResults = z
  .object({ results: z.array(z.object({ id: z.string(), ok: z.boolean(), code: z.string().optional(), message: z.string().optional() })) })
  .openapi('BulkResults');

/**
 * Runs `act` on each id in turn; a refusal the API would answer with a code
 * (validator, conflict, not found…) becomes that id's result, and the others
 * go on. An unexpected failure stops the batch (the error handler answers).
 */
export async function eachOf(ids: string[], act: (id: string) => Promise<unknown>): Promise<BulkResult[]> {
  const results: BulkResult[] = [];
  for (const id of ids) {
    try {
      await act(id);
      results.push({ id, ok: true });
    } catch (err) {
      const answer = toHttp(err);
      if (!answer) throw err;
      results.push({ id, ok: false, code: answer[1].code, message: answer[1].message });
    }
  }
  return results;
}
