import AuditIcon from '@mui/icons-material/History';
import type { AuditEvent } from '../types';
import { AuditEventList } from './AuditEventList';
import { AuditEventShow } from './AuditEventShow';

export default {
  list: AuditEventList,
  show: AuditEventShow,
  icon: AuditIcon,
  recordRepresentation: (event: AuditEvent) => `${event.action} ${event.targetType} ${event.targetId}`,
};
