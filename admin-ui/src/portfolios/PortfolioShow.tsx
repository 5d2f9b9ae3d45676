import GridIcon from '@mui/icons-material/GridOn';
import { Box } from '@mui/material';
import {
  Button,
  DeleteWithConfirmButton,
  EditButton,
  Link,
  NumberField,
  Show,
  SimpleShowLayout,
  TabbedShowLayout,
  TextField,
  TopToolbar,
  usePermissions,
  useRecordContext,
} from 'react-admin';
import { CompanyField } from '../common/CompanyField';
import { DateTimeField } from '../common/DateTimeField';
import { EnumField } from '../common/EnumField';
import { matrixPath } from '../paths';
import type { Portfolio, Role } from '../types';
import { PortfolioAdvice } from './PortfolioAdvice';
import { PortfolioEstablishments } from './PortfolioEstablishments';
import { PortfolioServices } from './PortfolioServices';

const MatrixButton = () => {
  const portfolio = useRecordContext<Portfolio>();
  if (!portfolio) return null;
  return (
    <Button component={Link} to={matrixPath(portfolio.id)} label="app.portfolios.open_matrix">
      <GridIcon />
    </Button>
  );
};

/** Only client portfolios go; the company portfolio lives as long as the company. */
const DeletePortfolioButton = () => {
  const portfolio = useRecordContext<Portfolio>();
  if (portfolio?.kind !== 'CLIENTS') return null;
  // Title and text: resources.portfolios.message.delete_title / delete_content.
  return <DeleteWithConfirmButton mutationMode="pessimistic" />;
};

export const PortfolioShow = () => {
  const { permissions: role } = usePermissions<Role>();
  return (
    <Show
      actions={
        <TopToolbar>
          <MatrixButton />
          <EditButton />
          <DeletePortfolioButton />
        </TopToolbar>
      }
    >
      <Box sx={{ px: 2, pt: 2, '&:empty': { display: 'none' } }}>
        <PortfolioAdvice />
      </Box>
      <SimpleShowLayout direction="row" spacing={4}>
        <TextField source="name" />
        <EnumField source="kind" enumName="portfolioKind" />
        <NumberField source="siretCount" />
        {role === 'SUPPORT' && <CompanyField source="companyId" />}
        <DateTimeField source="createdAt" />
      </SimpleShowLayout>
      <TabbedShowLayout syncWithLocation={false}>
        <TabbedShowLayout.Tab label="app.portfolios.tabs.establishments">
          <PortfolioEstablishments />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="app.portfolios.tabs.services">
          <PortfolioServices />
        </TabbedShowLayout.Tab>
      </TabbedShowLayout>
    </Show>
  );
};
