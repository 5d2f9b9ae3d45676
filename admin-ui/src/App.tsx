import { Admin, CustomRoutes, Resource, Translate } from 'react-admin';
import { Route } from 'react-router';
import accounts from './accounts';
import auditEvents from './audit-events';
import { authProvider } from './authProvider';
import companies from './companies';
import { Dashboard } from './dashboard/Dashboard';
import { dataProvider } from './dataProvider';
import establishments from './establishments';
import { i18nProvider } from './i18nProvider';
import { LoginPage } from './layout/LoginPage';
import outbox from './outbox';
import { ConfirmPage } from './registrations/ConfirmPage';
import { RegisterPage } from './registrations/RegisterPage';
import registrations from './registrations';
import type { Role } from './types';

export const App = () => (
  <Admin
    title={<Translate i18nKey="app.title" />}
    dataProvider={dataProvider}
    authProvider={authProvider}
    i18nProvider={i18nProvider}
    loginPage={LoginPage}
    dashboard={Dashboard}
    disableTelemetry
  >
    <CustomRoutes noLayout>
      <Route path="/register" element={<RegisterPage />} />
      <Route path="/confirm" element={<ConfirmPage />} />
    </CustomRoutes>
    {(role: Role | null) => {
      const staff = role === 'SUPPORT' || role === 'ADMINISTRATOR';
      const support = role === 'SUPPORT';
      return (
        <>
          {staff && <Resource name="companies" {...companies} />}
          {staff && <Resource name="establishments" {...establishments} />}
          {role && <Resource name="accounts" {...accounts} />}
          {support && <Resource name="registrations" {...registrations} />}
          {support && <Resource name="outbox" {...outbox} />}
          {staff && <Resource name="audit-events" {...auditEvents} />}
        </>
      );
    }}
  </Admin>
);
