import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { AccountStatus, type Account } from '../../domain/account/account.entity';
import { activeAdministrators } from '../../domain/auth/active-administrators';
import { Arrival } from '../../domain/collaborators/arrival.entity';
import { Departure } from '../../domain/collaborators/departure.entity';
import { queueStepMails } from '../mail/outbox';
import { arrivalCompletedMail, arrivalExpiredMail, departureAppliedMail } from './collaborators.mails';

export interface CollaboratorNoticeDeps {
  orm: MikroORM;
  /** Absolute base URL of the console, for links in mails. */
  publicUrl: string;
}

export interface NoticeRequest {
  /** Workflow step name, unique within the run. */
  step: string;
}

/**
 * The mails that tell a company's active administrators what became of an
 * arrival or a departure, written to the outbox once per workflow step;
 * each answers the outbox ids the workflow delivers.
 */
export function createCollaboratorNoticeActivities({ orm, publicUrl }: CollaboratorNoticeDeps) {
  const base = publicUrl.replace(/\/$/, '');

  return {
    /** A departure took effect: its company's active administrators and the leaver's successor are told where the rights went. */
    async mailDepartureApplied({ step, departureId }: NoticeRequest & { departureId: string }): Promise<string[]> {
      return queueStepMails(orm, step, async (em) => {
        const d = await em.findOneOrFail(Departure, departureId, { populate: ['company', 'toAccount', 'successorAccount'] });
        const applied = {
          leaver: `${d.firstName} ${d.lastName}`,
          companyName: d.company.legalName,
          effectiveDate: new Date(`${d.effectiveDate}T12:00:00Z`),
          target: d.toAccount ? `${d.toAccount.firstName} ${d.toAccount.lastName}` : null,
          transferred: d.transferred ?? 0,
          revoked: d.revoked ?? 0,
        };
        const pageUrl = `${base}/#/departures/${d.id}/show`;
        const to = await recipients(em, d.company.id, d.successorAccount);
        return { companyId: d.company.id, mails: to.map((person) => departureAppliedMail(person, applied, pageUrl)) };
      });
    },

    /** An arrival completed (the newcomer is active) or expired (his account removed): the company's active administrators are told. */
    async mailArrivalOutcome({ step, arrivalId, outcome }: NoticeRequest & { arrivalId: string; outcome: 'COMPLETED' | 'EXPIRED' }): Promise<string[]> {
      return queueStepMails(orm, step, async (em) => {
        const a = await em.findOneOrFail(Arrival, arrivalId, { populate: ['company'] });
        const ended = { newcomer: `${a.firstName} ${a.lastName}`, email: a.email, companyName: a.company.legalName, rightsGranted: a.rights.length };
        const pageUrl = `${base}/#/arrivals/${a.id}/show`;
        const mail = outcome === 'COMPLETED' ? arrivalCompletedMail : arrivalExpiredMail;
        return { companyId: a.company.id, mails: (await recipients(em, a.company.id)).map((person) => mail(person, ended, pageUrl)) };
      });
    },
  };
}

/** The company's active administrators, and `also` (a successor) when he is an active, confirmed account not among them. */
async function recipients(em: EntityManager, companyId: string, also?: Account | null): Promise<Account[]> {
  const admins = await activeAdministrators(em, companyId);
  const extra = also && also.status === AccountStatus.ACTIVE && also.emailConfirmedAt && !admins.some((a) => a.id === also.id) ? [also] : [];
  return [...admins, ...extra];
}
