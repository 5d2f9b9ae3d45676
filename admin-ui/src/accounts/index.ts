import AccountIcon from '@mui/icons-material/People';
import type { Account } from '../types';
import { AccountList } from './AccountList';
import { AccountShow } from './AccountShow';

export default {
  list: AccountList,
  show: AccountShow,
  icon: AccountIcon,
  recordRepresentation: (account: Account) => `${account.firstName} ${account.lastName.toUpperCase()} (${account.siret})`,
};
