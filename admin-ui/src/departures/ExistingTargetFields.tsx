import { Alert } from '@mui/material';
import { useTranslate, type Identifier } from 'react-admin';
import { mandatory } from '../common/validation';
import { DeclarantPickerInput } from '../declarants/DeclarantPickerInput';
import type { DepartureRights } from '../types';

interface ExistingTargetFieldsProps {
  mode: DepartureRights['mode'] | undefined;
  /** Where the chosen declarant's id goes. */
  source: string;
  /** The leaver's company, where the declarant is chosen. */
  companyId: Identifier | undefined;
}

/** For a transfer, the declarant who receives the rights; for a revocation, its warning; nothing otherwise. */
export const ExistingTargetFields = ({ mode, source, companyId }: ExistingTargetFieldsProps) => {
  const translate = useTranslate();
  if (mode === 'TRANSFER') {
    return <DeclarantPickerInput source={source} label="resources.departures.fields.toAccountId" filter={{ companyId }} validate={mandatory} />;
  }
  if (mode === 'REVOKE') return <Alert severity="warning">{translate('app.departures.revoke_help')}</Alert>;
  return null;
};
