import CandidacyIcon from '@mui/icons-material/PersonAddAlt1';
import type { Candidacy } from '../types';
import { candidateName } from './candidacyRules';
import { CandidacyList } from './CandidacyList';
import { CandidacyShow } from './CandidacyShow';

/** Administrator candidacies: the administrators' approval inbox, support's supervision. */
export default {
  list: CandidacyList,
  show: CandidacyShow,
  icon: CandidacyIcon,
  recordRepresentation: (candidacy: Candidacy) => candidateName(candidacy),
};
