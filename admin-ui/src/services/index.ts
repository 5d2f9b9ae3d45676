import ServiceIcon from '@mui/icons-material/Assignment';
import type { DeclarativeService } from '../types';
import { ServiceEdit } from './ServiceEdit';
import { ServiceList } from './ServiceList';

/** The catalogue: listed for everyone, edited by support only (App.tsx drops `edit` for the others). */
export default {
  list: ServiceList,
  edit: ServiceEdit,
  icon: ServiceIcon,
  recordRepresentation: (service: DeclarativeService) => `${service.label} (${service.code})`,
};
