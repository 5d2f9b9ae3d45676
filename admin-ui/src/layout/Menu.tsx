import GridIcon from '@mui/icons-material/GridOn';
import MyAccessIcon from '@mui/icons-material/VerifiedUser';
import AccountIcon from '@mui/icons-material/AccountCircle';
import ObsoleteIcon from '@mui/icons-material/CleaningServices';
import SolteaApplicationIcon from '@mui/icons-material/School';
import { Menu as RaMenu, useCreatePath, useGetIdentity, usePermissions } from 'react-admin';
import candidacies from '../candidacies';
import { PREVENTION_CHECK_PATH, PREVENTION_DECLARE_PATH, PreventionCheckIcon, PreventionDeclareIcon } from '../prevention';
import { MATRIX_PATH, MY_ACCESS_PATH, MY_CANDIDACY_PATH, MY_SOLTEA_APPLICATION_PATH, obsoleteRightsPath } from '../paths';
import type { ConsoleRole } from '../types';

/** Entries that are not a resource's list. */
const MATRIX = '#matrix';
const MY_ACCESS = '#my-access';
const MY_ACCOUNT = '#my-account';
const MY_CANDIDACY = '#my-candidacy';
const OBSOLETE_RIGHTS = '#obsolete-rights';
const SOLTEA_APPLICATION = '#soltea-application';
const PREVENTION_DECLARE = '#prevention-declare';
const PREVENTION_CHECK = '#prevention-check';

/** Each role's menu, in order; a resource entry shows only if App.tsx registered the resource for that role. */
const menus: Record<ConsoleRole, string[]> = {
  SUPPORT: [
    'companies',
    'establishments',
    'accounts',
    'declarants',
    'portfolios',
    MATRIX,
    'services',
    'api-keys',
    'dsn-links',
    'employment-relations',
    'registrations',
    'tasks',
    'workflows',
    'incidents',
    'outbox',
    'audit-events',
    MY_ACCESS,
    'candidacies',
    'letters',
    'arrivals',
    'departures',
    'soltea-campaigns',
    'soltea-applications',
    'prevention-declarations',
    'prevention-windows',
    'prevention-checks',
    'prevention-check-runs',
  ],
  ADMINISTRATOR: [
    'companies',
    'establishments',
    'declarants',
    'portfolios',
    MATRIX,
    'services',
    'api-keys',
    'dsn-links',
    'employment-relations',
    'tasks',
    'workflows',
    'incidents',
    'audit-events',
    MY_ACCESS,
    'candidacies',
    'arrivals',
    'departures',
    OBSOLETE_RIGHTS,
    'soltea-balances',
    SOLTEA_APPLICATION,
    PREVENTION_DECLARE,
    'prevention-declarations',
    'prevention-learners',
    PREVENTION_CHECK,
  ],
  DECLARANT: [MY_ACCOUNT, MY_ACCESS, 'services', 'soltea-balances', SOLTEA_APPLICATION, PREVENTION_DECLARE, 'prevention-declarations', 'prevention-learners'],
  CANDIDATE: [MY_CANDIDACY, MY_ACCOUNT],
};

/** The administrator's company's obsolete rights. */
const ObsoleteRightsItem = () => {
  const { identity } = useGetIdentity();
  if (!identity) return null;
  return (
    <RaMenu.Item to={obsoleteRightsPath(identity.companyId)} primaryText="app.obsolete_rights.title" leftIcon={<ObsoleteIcon />} />
  );
};

/** The declarant's own account page. */
const MyAccountItem = () => {
  const { identity } = useGetIdentity();
  const createPath = useCreatePath();
  if (!identity) return null;
  return (
    <RaMenu.Item
      to={createPath({ resource: 'accounts', type: 'show', id: identity.id })}
      primaryText="app.menu.my_account"
      leftIcon={<AccountIcon />}
    />
  );
};

export const Menu = () => {
  const { permissions: role } = usePermissions<ConsoleRole | null>();
  return (
    <RaMenu>
      <RaMenu.DashboardItem />
      {(role ? menus[role] : []).map((entry) => {
        switch (entry) {
          case MATRIX:
            return <RaMenu.Item key={entry} to={MATRIX_PATH} primaryText="app.menu.matrix" leftIcon={<GridIcon />} />;
          case MY_ACCESS:
            return <RaMenu.Item key={entry} to={MY_ACCESS_PATH} primaryText="app.menu.my_access" leftIcon={<MyAccessIcon />} />;
          case MY_ACCOUNT:
            return <MyAccountItem key={entry} />;
          case OBSOLETE_RIGHTS:
            return <ObsoleteRightsItem key={entry} />;
          case SOLTEA_APPLICATION:
            return (
              <RaMenu.Item key={entry} to={MY_SOLTEA_APPLICATION_PATH} primaryText="app.solteaEmployer.menu.application" leftIcon={<SolteaApplicationIcon />} />
            );
          case PREVENTION_DECLARE:
            return <RaMenu.Item key={entry} to={PREVENTION_DECLARE_PATH} primaryText="app.prevention.menu.declare" leftIcon={<PreventionDeclareIcon />} />;
          case PREVENTION_CHECK:
            return <RaMenu.Item key={entry} to={PREVENTION_CHECK_PATH} primaryText="app.prevention.menu.check" leftIcon={<PreventionCheckIcon />} />;
          case MY_CANDIDACY:
            return (
              <RaMenu.Item key={entry} to={MY_CANDIDACY_PATH} primaryText="app.menu.my_candidacy" leftIcon={<candidacies.icon />} />
            );
          default:
            return <RaMenu.ResourceItem key={entry} name={entry} />;
        }
      })}
    </RaMenu>
  );
};
