import EstablishmentIcon from '@mui/icons-material/Store';
import type { Establishment } from '../types';
import { EstablishmentList } from './EstablishmentList';
import { EstablishmentShow } from './EstablishmentShow';

export default {
  list: EstablishmentList,
  show: EstablishmentShow,
  icon: EstablishmentIcon,
  recordRepresentation: (establishment: Establishment) => `${establishment.name} (${establishment.siret})`,
};
