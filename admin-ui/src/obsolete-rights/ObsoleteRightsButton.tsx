import ObsoleteIcon from '@mui/icons-material/CleaningServices';
import { Button, Link, useRecordContext } from 'react-admin';
import { obsoleteRightsPath } from '../paths';
import type { Company } from '../types';

/** On a company's page: its obsolete rights, to review and clean up. */
export const ObsoleteRightsButton = () => {
  const company = useRecordContext<Company>();
  if (!company) return null;
  return (
    <Button component={Link} to={obsoleteRightsPath(company.id)} label="app.obsolete_rights.title">
      <ObsoleteIcon />
    </Button>
  );
};
