import DsnLinkIcon from '@mui/icons-material/CompareArrows';
import type { DsnLink } from '../types';
import { DsnLinkList } from './DsnLinkList';

/** Control service: which firm filed which SIRET's DSN, and when (read-only). */
export default {
  list: DsnLinkList,
  icon: DsnLinkIcon,
  recordRepresentation: (link: DsnLink) => `${link.declaringSiret} → ${link.declaredSiret} (${link.period.slice(0, 7)})`,
};
