import { useState } from 'react';
import { useQueries, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useDataProvider, useNotify, type Identifier } from 'react-admin';
import type { BackOfficeDataProvider } from '../dataProvider';
import type { Habilitation, HabilitationRights } from '../types';

/** One cell of the matrix: a declarant × a SIRET × a service, in one portfolio. */
export interface MatrixCell {
  accountId: Identifier;
  siret: string;
  serviceCode: string;
}

export const NO_RIGHTS: HabilitationRights = { canDeclare: false, canPay: false, canConsult: false };

export const cellKey = ({ accountId, siret, serviceCode }: MatrixCell) => `${accountId}|${siret}|${serviceCode}`;

const PAGE = 1000;

const queryKey = (portfolioId: Identifier, accountId: Identifier) => ['habilitations', 'matrix', portfolioId, accountId];

const rightsOf = ({ canDeclare, canPay, canConsult }: HabilitationRights): HabilitationRights => ({
  canDeclare,
  canPay,
  canConsult,
});

const byCell = (results: Array<UseQueryResult<Habilitation[]>>) => {
  const rights = new Map<string, HabilitationRights>();
  for (const habilitation of results.flatMap((result) => result.data ?? [])) {
    rights.set(cellKey(habilitation), rightsOf(habilitation));
  }
  return {
    rights,
    isPending: results.some((result) => result.isPending),
    error: results.find((result) => result.error)?.error ?? null,
  };
};

/**
 * The habilitations of the declarants on screen (one query each, every page of
 * it), and a setter that shows the wanted rights at once, keeps the cell busy
 * until the API answers, then keeps the API's answer or reverts with a notification.
 */
export const useMatrixHabilitations = (portfolioId: Identifier, accountIds: Identifier[]) => {
  const dataProvider = useDataProvider<BackOfficeDataProvider>();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [pending, setPending] = useState<ReadonlyMap<string, HabilitationRights>>(new Map());

  const fetchAll = async (accountId: Identifier): Promise<Habilitation[]> => {
    const all: Habilitation[] = [];
    for (let page = 1; ; page++) {
      const { data, total } = await dataProvider.getList<Habilitation>('habilitations', {
        pagination: { page, perPage: PAGE },
        sort: { field: 'createdAt', order: 'ASC' },
        filter: { portfolioId, accountId },
      });
      all.push(...data);
      if (data.length < PAGE || all.length >= (total ?? 0)) return all;
    }
  };

  const saved = useQueries({
    queries: accountIds.map((accountId) => ({
      queryKey: queryKey(portfolioId, accountId),
      queryFn: () => fetchAll(accountId),
    })),
    combine: byCell,
  });

  const settle = (key: string) =>
    setPending((current) => {
      const next = new Map(current);
      next.delete(key);
      return next;
    });

  const setRights = async (cell: MatrixCell, rights: HabilitationRights) => {
    const key = cellKey(cell);
    setPending((current) => new Map(current).set(key, rights));
    try {
      const habilitation = await dataProvider.setHabilitation({ portfolioId, ...cell, ...rights });
      queryClient.setQueryData<Habilitation[]>(queryKey(portfolioId, cell.accountId), (rows = []) => [
        ...rows.filter((row) => cellKey(row) !== key),
        ...(habilitation ? [habilitation] : []),
      ]);
    } catch (error) {
      const message = error instanceof Error ? error.message : 'ra.notification.http_error';
      notify(message, { type: 'error', messageArgs: { _: message } });
    } finally {
      settle(key);
    }
  };

  /** What a cell shows: the rights being saved, else the saved ones. */
  const rightsAt = (cell: MatrixCell): { rights: HabilitationRights; saving: boolean } => {
    const key = cellKey(cell);
    const wanted = pending.get(key);
    return { rights: wanted ?? saved.rights.get(key) ?? NO_RIGHTS, saving: wanted !== undefined };
  };

  return { rightsAt, setRights, isPending: saved.isPending, error: saved.error };
};
