import PortfolioIcon from '@mui/icons-material/Folder';
import type { Portfolio } from '../types';
import { PortfolioCreate } from './PortfolioCreate';
import { PortfolioEdit } from './PortfolioEdit';
import { PortfolioList } from './PortfolioList';
import { PortfolioShow } from './PortfolioShow';

export default {
  list: PortfolioList,
  show: PortfolioShow,
  edit: PortfolioEdit,
  create: PortfolioCreate,
  icon: PortfolioIcon,
  recordRepresentation: (portfolio: Portfolio) => portfolio.name,
};
