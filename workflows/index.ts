export { accountConfirmationWorkflow } from './account-confirmation/account-confirmation.workflow';
export { companyRegistrationWorkflow } from './registration/registration.workflow';
export { administratorCandidacyWorkflow } from './administrator-candidacy/administrator-candidacy.workflow';
