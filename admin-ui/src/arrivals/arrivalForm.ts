import type { Identifier } from 'react-admin';
import type { ArrivalInput, ArrivalRights, ArrivalRole, RightItem } from '../types';

/** The wizard's values: every rights mode keeps its inputs while the user switches; only the chosen one is sent. */
export interface ArrivalFormValues {
  companyId?: Identifier;
  siret: string;
  lastName: string;
  firstName: string;
  email: string;
  startDate: string;
  role: ArrivalRole;
  rights: {
    mode: ArrivalRights['mode'];
    fromAccountId?: Identifier;
    portfolioIds?: Identifier[];
    items?: RightItem[];
  };
}

const rightsOf = ({ mode, fromAccountId, portfolioIds, items }: ArrivalFormValues['rights']): ArrivalRights => {
  switch (mode) {
    case 'COPY':
      return { mode, fromAccountId: fromAccountId!, portfolioIds: portfolioIds ?? [] };
    case 'LIST':
      return { mode, items: items ?? [] };
    default:
      return { mode: 'NONE' };
  }
};

export const toArrivalInput = (values: ArrivalFormValues): ArrivalInput => ({
  ...(values.companyId != null ? { companyId: values.companyId } : {}),
  siret: values.siret,
  lastName: values.lastName.trim(),
  firstName: values.firstName.trim(),
  email: values.email.trim(),
  startDate: values.startDate,
  role: values.role,
  rights: rightsOf(values.rights),
});

/** The same SIRET and service once only: an account holds one habilitation per pair. */
export const rightKey = (item: Pick<RightItem, 'siret' | 'serviceCode'>) => `${item.siret}|${item.serviceCode}`;
