import LetterIcon from '@mui/icons-material/Print';
import type { Letter } from '../types';
import { LetterList } from './LetterList';
import { LetterShow } from './LetterShow';

/** Support's print queue of activation letters (GET /api/letters). */
export default {
  list: LetterList,
  show: LetterShow,
  icon: LetterIcon,
  recordRepresentation: (letter: Letter) => `${letter.candidateName} — ${letter.companyName}`,
};
