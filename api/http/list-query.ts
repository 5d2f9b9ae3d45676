import type { Response } from 'express';
import { z } from './openapi';

const jsonParam = <T extends z.ZodType>(schema: T) =>
  z
    .string()
    .transform((s, ctx) => {
      try {
        return JSON.parse(s) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'JSON attendu' });
        return z.NEVER;
      }
    })
    .pipe(schema);

/** react-admin simple-rest list parameters: sort, range, filter. */
export const ListQuery = z.object({
  sort: jsonParam(z.tuple([z.string(), z.enum(['ASC', 'DESC'])])).optional(),
  range: jsonParam(z.tuple([z.number().int().min(0), z.number().int().min(0)]))
    .refine(([a, b]) => b >= a && b - a < 1000, 'range: [début, fin] avec au plus 1000 éléments')
    .optional(),
  filter: jsonParam(z.record(z.string(), z.unknown())).optional(),
});

export type ListQuery = z.infer<typeof ListQuery>;

export interface ListPage {
  offset: number;
  limit: number;
  sort?: { field: string; order: 'ASC' | 'DESC' };
  filter: Record<string, unknown>;
}

export function listPage(query: ListQuery, defaultLimit = 25): ListPage {
  const [start, end] = query.range ?? [0, defaultLimit - 1];
  return {
    offset: start,
    limit: end - start + 1,
    sort: query.sort ? { field: query.sort[0], order: query.sort[1] } : undefined,
    filter: query.filter ?? {},
  };
}

/** Sends a page of a list with the Content-Range header react-admin reads. */
export function sendList(res: Response, resource: string, page: ListPage, items: unknown[], total: number): void {
  const last = items.length ? page.offset + items.length - 1 : page.offset;
  res.setHeader('Content-Range', `${resource} ${page.offset}-${last}/${total}`);
  res.json(items);
}
