export { companyRegistrationWorkflow } from './registration/registration.workflow';
