import RegistrationIcon from '@mui/icons-material/HowToReg';
import type { Registration } from '../types';
import { RegistrationList } from './RegistrationList';
import { RegistrationShow } from './RegistrationShow';

export default {
  list: RegistrationList,
  show: RegistrationShow,
  icon: RegistrationIcon,
  recordRepresentation: (registration: Registration) => registration.legalName,
};
