import type { MikroORM } from '@mikro-orm/postgresql';
import { Account, AccountStatus, AdminStatus } from '../../domain/account/account.entity';
import { appendAudit } from '../../domain/audit/audit-trail';
import { AuditEvent } from '../../domain/audit/audit-event.entity';
import { Company, CompanyStatus } from '../../domain/company/company.entity';
import { Establishment, EstablishmentStatus } from '../../domain/company/establishment.entity';
import { ConfirmationToken } from '../../domain/confirmation/confirmation-token.entity';
import { purgeRegistrationRecord } from '../../domain/registration/registration-purge';
import { stepKey } from '../shared/step-key';

export interface RegistrationDeps {
  orm: MikroORM;
}

export interface ActivateRegistrationRequest {
  companyId: string;
  accountId: string;
  tokenId: string;
}

/** The registration's own effects: activation on confirmation, purge on expiry. */
export function createRegistrationActivities({ orm }: RegistrationDeps) {
  return {
    async activateRegistration({ companyId, accountId, tokenId }: ActivateRegistrationRequest): Promise<string> {
      const key = stepKey('activate');
      return orm.em.fork().transactional(async (em) => {
        const done = await em.findOne(AuditEvent, { dedupeKey: key });
        if (done) return done.at.toISOString();
        const now = new Date();
        const company = await em.findOneOrFail(Company, companyId);
        const account = await em.findOneOrFail(Account, { id: accountId, company });
        await em.nativeUpdate(ConfirmationToken, { id: tokenId }, { usedAt: now });
        await em.nativeUpdate(Establishment, { company, status: EstablishmentStatus.PENDING }, { status: EstablishmentStatus.ACTIVE });
        company.status = CompanyStatus.ACTIVE;
        account.status = AccountStatus.ACTIVE;
        account.adminStatus = AdminStatus.ACTIVE;
        account.emailConfirmedAt = now;
        appendAudit(em, {
          action: 'REGISTRATION.CONFIRMED',
          targetType: 'Company',
          targetId: company.id,
          companyId: company.id,
          before: { status: CompanyStatus.PENDING },
          after: { status: CompanyStatus.ACTIVE, siren: company.siren },
          dedupeKey: key,
        });
        appendAudit(em, {
          action: 'ACCOUNT.ACTIVATED',
          targetType: 'Account',
          targetId: account.id,
          companyId: company.id,
          before: { status: AccountStatus.PENDING, adminStatus: AdminStatus.PRIMO_AD },
          after: { status: AccountStatus.ACTIVE, adminStatus: AdminStatus.ACTIVE },
        });
        return now.toISOString();
      });
    },

    /** Deletes an unconfirmed registration (company, establishment, account, tokens). */
    async purgeRegistration(companyId: string): Promise<void> {
      const key = stepKey('purge');
      await orm.em.fork().transactional(async (em) => {
        if (await em.findOne(AuditEvent, { dedupeKey: key })) return;
        await purgeRegistrationRecord(em, { companyId, dedupeKey: key });
      });
    },
  };
}
