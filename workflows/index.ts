export { accountConfirmationWorkflow } from './account-confirmation/account-confirmation.workflow';
export { companyRegistrationWorkflow } from './registration/registration.workflow';
export { administratorCandidacyWorkflow } from './administrator-candidacy/administrator-candidacy.workflow';
export { collaboratorArrivalWorkflow } from './collaborator-arrival/collaborator-arrival.workflow';
export { collaboratorDepartureWorkflow } from './collaborator-departure/collaborator-departure.workflow';
export { publicFormNoticeWorkflow } from './public-form-notice/public-form-notice.workflow';
export { solteaCampaignWorkflow } from './soltea-campaign/soltea-campaign.workflow';
export { solteaScheduledStartWorkflow } from './soltea-campaign/soltea-scheduled-start.workflow';
