import DeclarationIcon from '@mui/icons-material/HealthAndSafety';
import VerifyIcon from '@mui/icons-material/FactCheck';
import WindowIcon from '@mui/icons-material/EventAvailable';
import DeclareIcon from '@mui/icons-material/PostAdd';
import { PreventionDeclarationList } from './PreventionDeclarationList';
import { PreventionDeclarationShow } from './PreventionDeclarationShow';
import { PreventionLearnerList } from './PreventionLearnerList';
import { PreventionWindowList } from './PreventionWindowList';
import type { PreventionDeclaration, PreventionLearner, PreventionWindow } from './types';

export { PreventionDeclarePage } from './PreventionDeclarePage';
export { PREVENTION_DECLARE_PATH } from './paths';
export { DeclareIcon as PreventionDeclareIcon };

/** Passeport de prévention: the declarations (their declarers and the learners' employers; support reads them), each page with its learners. */
export const preventionDeclarations = {
  list: PreventionDeclarationList,
  show: PreventionDeclarationShow,
  icon: DeclarationIcon,
  options: { label: 'app.prevention.menu.declarations' },
  recordRepresentation: (d: PreventionDeclaration) => d.title,
};

/** The employer's lines to verify (or to send back for correction). */
export const preventionLearners = {
  list: PreventionLearnerList,
  icon: VerifyIcon,
  options: { label: 'app.prevention.menu.to_verify' },
  recordRepresentation: (l: PreventionLearner) => `${l.birthName} ${l.firstNames}`,
};

/** Support's verification windows, one per employer SIREN and quarter, and their deadlines. */
export const preventionWindows = {
  list: PreventionWindowList,
  icon: WindowIcon,
  options: { label: 'app.prevention.menu.windows' },
  recordRepresentation: (w: PreventionWindow) => `${w.employerSiren} — ${w.quarter}`,
};
