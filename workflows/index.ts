export { accountConfirmationWorkflow } from './account-confirmation/account-confirmation.workflow';
export { companyRegistrationWorkflow } from './registration/registration.workflow';
