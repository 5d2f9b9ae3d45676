import DepartureIcon from '@mui/icons-material/PersonRemove';
import { personName } from '../common/personName';
import type { Departure } from '../types';
import { DepartureCreate } from './DepartureCreate';
import { DepartureList } from './DepartureList';
import { DepartureShow } from './DepartureShow';

/** Collaborators leaving: « Départ d'un collaborateur », the pending ones, the history with what was transferred. */
export default {
  list: DepartureList,
  show: DepartureShow,
  create: DepartureCreate,
  icon: DepartureIcon,
  recordRepresentation: (departure: Departure) => personName(departure),
};
