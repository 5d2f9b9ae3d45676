import DeclarantIcon from '@mui/icons-material/Badge';
import type { Declarant } from '../types';
import { DeclarantCreate } from './DeclarantCreate';
import { DeclarantEdit } from './DeclarantEdit';
import { DeclarantList } from './DeclarantList';
import { DeclarantShow } from './DeclarantShow';

export default {
  list: DeclarantList,
  show: DeclarantShow,
  edit: DeclarantEdit,
  create: DeclarantCreate,
  icon: DeclarantIcon,
  recordRepresentation: (declarant: Declarant) =>
    `${declarant.firstName} ${declarant.lastName.toUpperCase()} (${declarant.siret})`,
};
