import { DomainError } from '../../domain/shared/domain-error';
import type { ListPage } from './list-query';

/** The page's sort if the field is sortable (400 otherwise), else the default; for lists readRoutes cannot serve. */
export function listSort(page: ListPage, sortable: string[], fallback: [string, 'ASC' | 'DESC']): [string, 'ASC' | 'DESC'] {
  const [field, order] = page.sort ? [page.sort.field, page.sort.order] : fallback;
  if (!sortable.includes(field)) {
    throw new DomainError('INVALID', 'LIST.UNSORTABLE', `Tri impossible sur « ${field} ».`, { sort: `Champs triables : ${sortable.join(', ')}` });
  }
  return [field, order];
}
