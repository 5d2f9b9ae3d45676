import SolteaIcon from '@mui/icons-material/Savings';
import { SolteaBalanceList } from './SolteaBalanceList';
import type { SolteaBalance } from './types';

/** SOLTéA Employeurs: the employer SIRETs the signed-in person may allocate for; each row opens its allocations editor (AllocationsEditorPage). */
export default {
  list: SolteaBalanceList,
  icon: SolteaIcon,
  options: { label: 'app.solteaEmployer.menu.allocations' },
  recordRepresentation: (balance: SolteaBalance) => `${balance.employerName} (${balance.employerSiret}) — ${balance.year}`,
};
