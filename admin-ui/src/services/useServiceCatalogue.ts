import { useMemo } from 'react';
import { useGetList } from 'react-admin';
import type { DeclarativeService } from '../types';

/** The whole catalogue (a dozen services), and each service by code. */
export const useServiceCatalogue = () => {
  const { data, isPending, error } = useGetList<DeclarativeService>('services', {
    pagination: { page: 1, perPage: 100 },
    sort: { field: 'code', order: 'ASC' },
  });
  const byCode = useMemo(() => new Map((data ?? []).map((service) => [service.code, service])), [data]);
  return { services: data ?? [], byCode, isPending, error };
};
