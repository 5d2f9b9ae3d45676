import { useMemo } from 'react';
import { useGetList, type Identifier } from 'react-admin';
import type { Portfolio } from '../types';

/** The company's portfolios by name, and each by id; an administrator's list holds his company's only. */
export const useCompanyPortfolios = (companyId?: Identifier) => {
  const { data, isPending } = useGetList<Portfolio>('portfolios', {
    pagination: { page: 1, perPage: 100 },
    sort: { field: 'name', order: 'ASC' },
    filter: { companyId },
  });
  const byId = useMemo(() => new Map((data ?? []).map((portfolio) => [String(portfolio.id), portfolio])), [data]);
  return { portfolios: data ?? [], byId, isPending };
};
