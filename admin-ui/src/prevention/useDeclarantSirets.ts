import { useQuery } from '@tanstack/react-query';
import { useGetIdentity } from 'react-admin';
import type { Identity } from '../types';
import { preventionSirets } from './preventionApi';

/**
 * The establishments the signed-in person may declare for: his own SIRET
 * first, then those of his company that « Mes droits » opens on the
 * passport (a training body or an employer declares for itself only).
 */
export const useDeclarantSirets = () => {
  const { identity, isPending: identityPending } = useGetIdentity();
  const me = identity as (Identity & { fullName?: string }) | undefined;
  const { data = [], isPending } = useQuery({ queryKey: ['prevention', 'sirets'], queryFn: preventionSirets, enabled: !!me });
  const own = me ? data.filter((siret) => siret.startsWith(me.companySiren) && siret !== me.siret) : [];
  return { sirets: me ? [me.siret, ...own.sort()] : [], pending: identityPending || (!!me && isPending), identity: me };
};
