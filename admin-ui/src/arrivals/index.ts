import ArrivalIcon from '@mui/icons-material/PersonAdd';
import { personName } from '../common/personName';
import type { Arrival } from '../types';
import { ArrivalCreate } from './ArrivalCreate';
import { ArrivalList } from './ArrivalList';
import { ArrivalShow } from './ArrivalShow';

/** Collaborators arriving: « Nouveau collaborateur », the pending ones, the history. */
export default {
  list: ArrivalList,
  show: ArrivalShow,
  create: ArrivalCreate,
  icon: ArrivalIcon,
  recordRepresentation: (arrival: Arrival) => personName(arrival),
};
