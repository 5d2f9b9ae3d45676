import { Admin, CustomRoutes, Resource, Translate } from 'react-admin';
import { Route } from 'react-router';
import { MyAccessPage } from './access/MyAccessPage';
import accounts from './accounts';
import apiKeys from './api-keys';
import auditEvents from './audit-events';
import { authProvider } from './authProvider';
import candidacies from './candidacies';
import { CandidacyApplyPage } from './candidacies/CandidacyApplyPage';
import { MyCandidacyPage } from './candidacies/MyCandidacyPage';
import companies from './companies';
import { Dashboard } from './dashboard/Dashboard';
import { dataProvider } from './dataProvider';
import declarants from './declarants';
import dsnLinks from './dsn-links';
import employmentRelations from './employment-relations';
import establishments from './establishments';
import { HabilitationMatrixPage } from './habilitations/HabilitationMatrixPage';
import { i18nProvider } from './i18nProvider';
import { Layout } from './layout/Layout';
import { LoginPage } from './layout/LoginPage';
import { darkTheme, lightTheme } from './layout/themes';
import letters from './letters';
import outbox from './outbox';
import { CANDIDACY_APPLY_PATH, MATRIX_PATH, MY_ACCESS_PATH, MY_CANDIDACY_PATH, OBSOLETE_RIGHTS_PATH } from './paths';
import portfolios from './portfolios';
import { ConfirmPage } from './registrations/ConfirmPage';
import { RegisterPage } from './registrations/RegisterPage';
import registrations from './registrations';
import services from './services';
import type { ConsoleRole } from './types';
import workflows from './workflows';
import tasks from './tasks';
import incidents from './incidents';
import arrivals from './arrivals';
import departures from './departures';
import { ObsoleteRightsPage } from './obsolete-rights/ObsoleteRightsPage';
import { solteaApplications, solteaCampaigns } from './soltea-campaigns';
import solteaEmployer from './soltea-employer';
import { AllocationsEditorPage } from './soltea-employer/AllocationsEditorPage';
import { MySolteaApplicationPage } from './soltea-employer/MySolteaApplicationPage';
import { MY_SOLTEA_APPLICATION_PATH, SOLTEA_ALLOCATIONS_PATH } from './paths';
import {
  PREVENTION_CHECK_PATH,
  PREVENTION_DECLARE_PATH,
  PreventionCheckPage,
  PreventionDeclarePage,
  preventionCheckRuns,
  preventionChecks,
  preventionDeclarations,
  preventionLearners,
  preventionWindows,
} from './prevention';

export const App = () => (
  <Admin
    title={<Translate i18nKey="app.title" />}
    dataProvider={dataProvider}
    authProvider={authProvider}
    i18nProvider={i18nProvider}
    layout={Layout}
    theme={lightTheme}
    darkTheme={darkTheme}
    loginPage={LoginPage}
    dashboard={Dashboard}
    disableTelemetry
  >
    <CustomRoutes noLayout>
      <Route path="/register" element={<RegisterPage />} />
      <Route path="/confirm" element={<ConfirmPage />} />
      <Route path={CANDIDACY_APPLY_PATH} element={<CandidacyApplyPage />} />
    </CustomRoutes>
    {(role: ConsoleRole | null) => {
      const staff = role === 'SUPPORT' || role === 'ADMINISTRATOR';
      const support = role === 'SUPPORT';
      /** An employer's or an establishment's people (SOLTéA Employeurs, Établissements). */
      const companyUser = role === 'ADMINISTRATOR' || role === 'DECLARANT';
      return (
        <>
          {staff && <Resource name="companies" {...companies} />}
          {staff && <Resource name="establishments" {...establishments} />}
          {role && <Resource name="accounts" {...accounts} />}
          {staff && <Resource name="declarants" {...declarants} />}
          {staff && <Resource name="portfolios" {...portfolios} />}
          {role && <Resource name="services" {...services} edit={support ? services.edit : undefined} />}
          {staff && <Resource name="api-keys" {...apiKeys} />}
          {staff && <Resource name="dsn-links" {...dsnLinks} />}
          {staff && <Resource name="employment-relations" {...employmentRelations} />}
          {support && <Resource name="registrations" {...registrations} />}
          {staff && <Resource name="workflows" {...workflows} />}
          {staff && <Resource name="tasks" {...tasks} />}
          {staff && <Resource name="incidents" {...incidents} />}
          {support && <Resource name="outbox" {...outbox} />}
          {staff && <Resource name="audit-events" {...auditEvents} />}
          {staff && <Resource name="candidacies" {...candidacies} />}
          {support && <Resource name="letters" {...letters} />}
          {staff && <Resource name="arrivals" {...arrivals} />}
          {staff && <Resource name="departures" {...departures} />}
          {support && <Resource name="soltea-campaigns" {...solteaCampaigns} />}
          {support && <Resource name="soltea-applications" {...solteaApplications} />}
          {companyUser && <Resource name="soltea-balances" {...solteaEmployer} />}
          {(companyUser || support) && <Resource name="prevention-declarations" {...preventionDeclarations} />}
          {companyUser && <Resource name="prevention-learners" {...preventionLearners} />}
          {support && <Resource name="prevention-windows" {...preventionWindows} />}
          {support && <Resource name="prevention-checks" {...preventionChecks} />}
          {support && <Resource name="prevention-check-runs" {...preventionCheckRuns} />}
          <CustomRoutes>
            {staff && <Route path={MATRIX_PATH} element={<HabilitationMatrixPage />} />}
            {role && <Route path={MY_ACCESS_PATH} element={<MyAccessPage />} />}
            {role === 'CANDIDATE' && <Route path={MY_CANDIDACY_PATH} element={<MyCandidacyPage />} />}
            {staff && <Route path={OBSOLETE_RIGHTS_PATH} element={<ObsoleteRightsPage />} />}
            {companyUser && <Route path={SOLTEA_ALLOCATIONS_PATH} element={<AllocationsEditorPage />} />}
            {companyUser && <Route path={MY_SOLTEA_APPLICATION_PATH} element={<MySolteaApplicationPage />} />}
            {companyUser && <Route path={PREVENTION_DECLARE_PATH} element={<PreventionDeclarePage />} />}
            {role === 'ADMINISTRATOR' && <Route path={PREVENTION_CHECK_PATH} element={<PreventionCheckPage />} />}
          </CustomRoutes>
        </>
      );
    }}
  </Admin>
);
