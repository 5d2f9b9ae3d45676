import type { MikroORM } from '@mikro-orm/postgresql';
import { createAccountActivities } from './account/account.activities';
import { createCandidacyActivities } from './candidacy/candidacy.activities';
import { createArrivalActivities } from './collaborators/arrival.activities';
import { createCollaboratorNoticeActivities } from './collaborators/collaborator-notices.activities';
import { createDepartureActivities } from './collaborators/departure.activities';
import { createHabilitationJobActivities } from './habilitation-jobs/habilitation-job.activities';
import { createConfirmationActivities } from './confirmation/confirmation.activities';
import { createMailActivities } from './mail/mail.activities';
import type { Mailer } from './mail/mailer';
import { createPreventionCheckActivities } from './prevention/check.activities';
import { createPreventionCorrectionActivities } from './prevention/correction.activities';
import { createPreventionWindowActivities } from './prevention/window.activities';
import { createRegistrationActivities } from './registration/registration.activities';
import { createCampaignActivities } from './soltea/campaign.activities';

export interface ActivityDeps {
  orm: MikroORM;
  mailer: Mailer;
  publicUrl: string;
  letterKey: Buffer;
}

/** Every activity the worker registers, built from its dependencies. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createAccountActivities(deps),
    ...createConfirmationActivities(deps),
    ...createMailActivities(deps),
    ...createRegistrationActivities(deps),
    ...createCandidacyActivities(deps),
    ...createArrivalActivities(deps),
    ...createDepartureActivities(deps),
    ...createCollaboratorNoticeActivities(deps),
    ...createCampaignActivities(deps),
    ...createPreventionWindowActivities(deps),
    ...createPreventionCheckActivities(deps),
    ...createPreventionCorrectionActivities(deps),
    ...createHabilitationJobActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
