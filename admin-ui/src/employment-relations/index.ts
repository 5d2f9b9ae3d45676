import EmploymentRelationIcon from '@mui/icons-material/Work';
import type { EmploymentRelation } from '../types';
import { EmploymentRelationList } from './EmploymentRelationList';

/** Control service: which pseudonymous employee works for which SIRET, from when to when (read-only). */
export default {
  list: EmploymentRelationList,
  icon: EmploymentRelationIcon,
  recordRepresentation: (relation: EmploymentRelation) => `${relation.employeeId} @ ${relation.employerSiret}`,
};
