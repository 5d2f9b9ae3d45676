import type { Identifier } from 'react-admin';
import type { DepartureInput, DepartureRights } from '../types';

/** The wizard's values: every rights mode keeps its inputs while the user switches; only the chosen one is sent. */
export interface DepartureFormValues {
  accountId: Identifier;
  effectiveDate: string;
  rights: {
    mode: DepartureRights['mode'];
    toAccountId?: Identifier;
    arrival?: { siret: string; lastName: string; firstName: string; email: string };
  };
  /** Asked only after the API answered that the leaver is the last active administrator. */
  successorAccountId?: Identifier;
}

const rightsOf = ({ mode, toAccountId, arrival }: DepartureFormValues['rights']): DepartureRights => {
  switch (mode) {
    case 'TRANSFER':
      return { mode, toAccountId: toAccountId! };
    case 'TRANSFER_NEW':
      return {
        mode,
        arrival: {
          siret: arrival!.siret,
          lastName: arrival!.lastName.trim(),
          firstName: arrival!.firstName.trim(),
          email: arrival!.email.trim(),
        },
      };
    default:
      return { mode: 'REVOKE' };
  }
};

export const toDepartureInput = (values: DepartureFormValues): DepartureInput => ({
  accountId: values.accountId,
  effectiveDate: values.effectiveDate,
  rights: rightsOf(values.rights),
  ...(values.successorAccountId != null ? { successorAccountId: values.successorAccountId } : {}),
});
