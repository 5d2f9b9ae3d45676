import DepartureIcon from '@mui/icons-material/PersonRemove';
import { Button, Link, useCreatePath, useRecordContext } from 'react-admin';
import type { Declarant } from '../types';

/** Opens « Départ d'un collaborateur » with this account chosen; offered while the account is active. */
export const RegisterDepartureButton = () => {
  const declarant = useRecordContext<Declarant>();
  const createPath = useCreatePath();
  if (!declarant || declarant.status !== 'ACTIVE') return null;
  const source = encodeURIComponent(JSON.stringify({ accountId: declarant.id }));
  return (
    <Button component={Link} to={`${createPath({ resource: 'departures', type: 'create' })}?source=${source}`} label="app.departures.create">
      <DepartureIcon />
    </Button>
  );
};
