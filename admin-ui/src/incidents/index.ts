import IncidentIcon from '@mui/icons-material/ReportProblem';
import type { Incident } from '../types';
import { IncidentList } from './IncidentList';

/** Activities that failed 3 attempts or more in running processes (GET /api/incidents). */
export default {
  list: IncidentList,
  icon: IncidentIcon,
  recordRepresentation: (incident: Incident) => incident.id,
};
