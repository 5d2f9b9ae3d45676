import CompanyIcon from '@mui/icons-material/Business';
import type { Company } from '../types';
import { CompanyEdit } from './CompanyEdit';
import { CompanyList } from './CompanyList';
import { CompanyShow } from './CompanyShow';

export default {
  list: CompanyList,
  show: CompanyShow,
  edit: CompanyEdit,
  icon: CompanyIcon,
  recordRepresentation: (company: Company) => `${company.legalName} (${company.siren})`,
};
