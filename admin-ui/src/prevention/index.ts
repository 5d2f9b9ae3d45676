import DeclarationIcon from '@mui/icons-material/HealthAndSafety';
import VerifyIcon from '@mui/icons-material/FactCheck';
import WindowIcon from '@mui/icons-material/EventAvailable';
import DeclareIcon from '@mui/icons-material/PostAdd';
import CheckIcon from '@mui/icons-material/Checklist';
import CheckRunIcon from '@mui/icons-material/EventRepeat';
import { PreventionCheckList } from './PreventionCheckList';
import { PreventionCheckRunList } from './PreventionCheckRunList';
import { PreventionCheckShow } from './PreventionCheckShow';
import { PreventionDeclarationList } from './PreventionDeclarationList';
import { PreventionDeclarationShow } from './PreventionDeclarationShow';
import { PreventionLearnerList } from './PreventionLearnerList';
import { PreventionWindowList } from './PreventionWindowList';
import type { PreventionCheck, PreventionCheckRun, PreventionDeclaration, PreventionLearner, PreventionWindow } from './types';

export { PreventionDeclarePage } from './PreventionDeclarePage';
export { PreventionCheckPage } from './PreventionCheckPage';
export { PREVENTION_CHECK_PATH, PREVENTION_DECLARE_PATH } from './paths';
export { CheckIcon as PreventionCheckIcon, DeclareIcon as PreventionDeclareIcon };

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

/** Support's yearly checks, one per employer SIREN and year, each opened on its employees (read only: the administrators mark them done). */
export const preventionChecks = {
  list: PreventionCheckList,
  show: PreventionCheckShow,
  icon: CheckIcon,
  options: { label: 'app.prevention.menu.checks' },
  recordRepresentation: (c: PreventionCheck) => `${c.employerSiren} — ${c.year}`,
};

/** Support's yearly check runs (one per year) and their reports at the due day. */
export const preventionCheckRuns = {
  list: PreventionCheckRunList,
  icon: CheckRunIcon,
  options: { label: 'app.prevention.menu.check_runs' },
  recordRepresentation: (r: PreventionCheckRun) => String(r.year),
};
