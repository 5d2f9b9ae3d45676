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

/** How the OpenAPI document names a list's filter keys (clients and the input-discipline test read it). */
export const FILTER_KEYS = 'JSON object, strict; keys: ';

/** One id or many, as react-admin's getMany sends them (`filter={"id":[…]}`). */
export const idsFilter = <T extends z.ZodType>(id: T) => z.union([id, z.array(id).max(1000)]);

const uuidIds = idsFilter(z.string().uuid('Identifiant invalide'));

/**
 * react-admin simple-rest list parameters: sort, range, and a filter that is
 * the list's own strict schema plus `id` (getMany). An unknown filter key is
 * a 400 naming it, never a wider list.
 */
export function listQuery<S extends z.ZodRawShape, I extends z.ZodType = typeof uuidIds>(filter: z.ZodObject<S>, ids?: I) {
  const withIds = z.object({ ...filter.shape, id: (ids ?? uuidIds) as I }).partial();
  return z.object({
    sort: jsonParam(z.tuple([z.string(), z.enum(['ASC', 'DESC'])])).optional(),
    range: jsonParam(z.tuple([z.number().int().min(0), z.number().int().min(0)]))
      .refine(([a, b]) => b >= a && b - a < 1000, 'range: [début, fin] avec au plus 1000 éléments')
      .optional(),
    filter: jsonParam(withIds)
      .optional()
      .openapi({ description: `${FILTER_KEYS}${Object.keys(withIds.shape).join(', ')}`, example: '{"id":[]}' }),
  });
}

/** The list parameters of a list that filters on nothing but `id`. */
export const NoFilter = z.object({});

export interface ListPage<F = unknown> {
  offset: number;
  limit: number;
  sort?: { field: string; order: 'ASC' | 'DESC' };
  filter: F;
}

interface ParsedListQuery<F> {
  sort?: [string, 'ASC' | 'DESC'];
  range?: [number, number];
  filter?: F;
}

export function listPage<F>(query: ParsedListQuery<F>, defaultLimit = 25): ListPage<Partial<F>> {
  const [start, end] = query.range ?? [0, defaultLimit - 1];
  return {
    offset: start,
    limit: end - start + 1,
    sort: query.sort ? { field: query.sort[0], order: query.sort[1] } : undefined,
    filter: query.filter ?? {},
  };
}

/** An `id` filter as a list of ids (undefined: no such filter). */
export const idList = <T>(id: T | T[] | undefined): T[] | undefined => (id === undefined ? undefined : Array.isArray(id) ? id : [id]);

/** Sends a page of a list with the Content-Range header react-admin reads. */
export function sendList(res: Response, resource: string, page: ListPage, items: unknown[], total: number): void {
  const last = items.length ? page.offset + items.length - 1 : page.offset;
  res.setHeader('Content-Range', `${resource} ${page.offset}-${last}/${total}`);
  res.json(items);
}
