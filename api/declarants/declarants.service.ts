import { UniqueConstraintViolationException, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { Account, AccountRole, AccountStatus, AdminStatus } from '../../domain/account/account.entity';
import { auditActor } from '../../domain/account/audit-actor';
import {
  addressAlreadyConfirmed,
  declarantNotFound,
  establishmentNotOwn,
  identityTaken,
  arrivalOwnsAddress,
  candidacyOwnsAddress,
  registrationOwnsAddress,
} from '../../domain/account/declarant.errors';
import { NO_PASSWORD_HASH } from '../../domain/account/declarant.rules';
import { identityKey } from '../../domain/account/identity.rules';
import { appendAudit } from '../../domain/audit/audit-trail';
import type { Scope } from '../../domain/auth/scope';
import { PENDING_ARRIVAL_STATUSES } from '../../domain/collaborators/collaborators.status';
import { Arrival } from '../../domain/collaborators/arrival.entity';
import { Establishment } from '../../domain/company/establishment.entity';
import type { DomainError } from '../../domain/shared/domain-error';
import { ConfirmationToken } from '../../domain/confirmation/confirmation-token.entity';
import type { AuthContext } from '../auth/auth.middleware';
import { sendNewLink, startAccountConfirmation, withdrawEmailChange } from './account-confirmation.client';
import type { DeclarantCreate, DeclarantUpdate } from './declarants.schemas';

/** Declarants and administrators a manager sees: all for support, his company's for an administrator. */
export const declarantScope = (scope: Scope): FilterQuery<Account> => ({
  role: { $in: [AccountRole.DECLARANT, AccountRole.ADMINISTRATOR] },
  ...(scope.kind === 'all' ? {} : scope.kind === 'company' ? { company: scope.companyId } : { id: scope.accountId }),
});

async function findDeclarant(em: EntityManager, scope: Scope, id: string): Promise<Account> {
  const account = await em.findOne(Account, { $and: [declarantScope(scope), { id }] });
  if (!account) throw declarantNotFound();
  return account;
}

/** A Primo AD's address belongs to the registration process until the company is confirmed. */
const ownedByRegistration = (a: Account) => a.adminStatus === AdminStatus.PRIMO_AD && a.status === AccountStatus.PENDING;

/**
 * The process that mails this unconfirmed address its links, when it is not
 * the declarant's own confirmation: the registration (Primo AD), the
 * candidacy (Candidat AD), or a pending arrival. Nothing may mail it around them.
 */
async function addressOwner(em: EntityManager, a: Account): Promise<DomainError | null> {
  if (ownedByRegistration(a)) return registrationOwnsAddress();
  if (a.adminStatus === AdminStatus.CANDIDATE_AD && !a.emailConfirmedAt) return candidacyOwnsAddress();
  if (await em.count(Arrival, { account: a.id, status: { $in: [...PENDING_ARRIVAL_STATUSES] } })) return arrivalOwnsAddress();
  return null;
}

const snapshot = (a: Account) => ({
  siret: a.siret,
  lastName: a.lastName,
  firstName: a.firstName,
  email: a.email,
  pendingEmail: a.pendingEmail ?? null,
  emailConfirmedAt: a.emailConfirmedAt?.toISOString() ?? null,
  role: a.role,
  status: a.status,
});

/**
 * Creates a PENDING declarant on one of the company's establishments, then
 * hands him to the account confirmation workflow, which mails his link; he
 * chooses his password when he confirms. If the workflow cannot start, the
 * account is removed again.
 */
export async function createDeclarant(orm: MikroORM, temporal: Client, auth: AuthContext, request: DeclarantCreate): Promise<Account> {
  const account = await orm.em
    .fork()
    .transactional(async (em) => {
      const scope = auth.scope.kind === 'all' ? {} : { company: auth.scope.companyId };
      const establishment = await em.findOne(Establishment, { siret: request.siret, ...scope });
      if (!establishment) throw establishmentNotOwn(request.siret);
      if (await em.getRepository(Account).identityTaken(request.siret, request.lastName, request.firstName)) throw identityTaken(request.siret);
      const created = em.create(Account, {
        ...request,
        company: establishment.company,
        establishment,
        identityKey: identityKey(request.siret, request.lastName, request.firstName),
        role: AccountRole.DECLARANT,
        passwordHash: NO_PASSWORD_HASH,
      });
      appendAudit(em, {
        ...auditActor(auth.account),
        action: 'DECLARANT.CREATED',
        targetType: 'Account',
        targetId: created.id,
        companyId: establishment.company.id,
        after: snapshot(created),
      });
      return created;
    })
    .catch((err: unknown) => {
      throw err instanceof UniqueConstraintViolationException ? identityTaken(request.siret) : err;
    });
  try {
    await startAccountConfirmation(temporal, account);
  } catch (err) {
    await orm.em.fork().nativeDelete(Account, { id: account.id });
    throw err;
  }
  return account;
}

/** What an address typed in does to the account: nothing, a new address to confirm, or a pending change withdrawn. */
type AddressStep = 'none' | 'changeEmail' | 'withdraw';

/**
 * Applies an address typed in, in the caller's transaction, and voids the
 * links still open when it changes anything. An address never confirmed is
 * simply replaced (unconfirmed). A confirmed one stays in use — mails,
 * approvals, the administrator counted as an approver — and the new one waits
 * in `pendingEmail` for its link; typing another replaces the waiting one,
 * typing the confirmed one again withdraws the change.
 */
async function applyAddress(em: EntityManager, account: Account, email: string): Promise<AddressStep> {
  let step: AddressStep;
  if (!account.emailConfirmedAt) {
    account.email = email;
    account.pendingEmail = null;
    step = 'changeEmail';
  } else if (email === account.email) {
    account.pendingEmail = null;
    step = 'withdraw';
  } else {
    account.pendingEmail = email;
    step = 'changeEmail';
  }
  await em.nativeUpdate(ConfirmationToken, { account, usedAt: null, voidedAt: null }, { voidedAt: new Date() });
  return step;
}

/**
 * Corrects a declarant's identity or address. A new address gets a new link,
 * and the old links stop working in the same transaction: an address never
 * confirmed is unconfirmed at once (the account keeps its status
 * meanwhile); a confirmed one stays in use until the new one, pending, is
 * confirmed (see applyAddress).
 */
export async function updateDeclarant(orm: MikroORM, temporal: Client, auth: AuthContext, id: string, patch: DeclarantUpdate): Promise<Account> {
  const { account, addressStep } = await orm.em.fork().transactional(async (em) => {
    const found = await findDeclarant(em, auth.scope, id);
    // The address compares with the one the account is moving to: the pending one, if any.
    const current: Required<DeclarantUpdate> = { lastName: found.lastName, firstName: found.firstName, email: found.pendingEmail ?? found.email };
    const changes = Object.fromEntries(
      Object.entries(patch).filter(([field, value]) => value !== undefined && value !== current[field as keyof DeclarantUpdate]),
    ) as DeclarantUpdate;
    if (!Object.keys(changes).length) return { account: found, addressStep: 'none' as AddressStep };
    const owner = changes.email ? await addressOwner(em, found) : null;
    if (owner) throw owner;
    const before = snapshot(found);
    const key = identityKey(found.siret, changes.lastName ?? found.lastName, changes.firstName ?? found.firstName);
    if (key !== found.identityKey && (await em.getRepository(Account).identityTaken(found.siret, changes.lastName ?? found.lastName, changes.firstName ?? found.firstName))) {
      throw identityTaken(found.siret);
    }
    const { email, ...names } = changes;
    Object.assign(found, names, { identityKey: key });
    const addressStep = email ? await applyAddress(em, found, email) : 'none';
    appendAudit(em, {
      ...auditActor(auth.account),
      action: 'DECLARANT.UPDATED',
      targetType: 'Account',
      targetId: found.id,
      companyId: found.company.id,
      before,
      after: snapshot(found),
    });
    return { account: found, addressStep };
  });
  if (addressStep === 'changeEmail') await sendNewLink(temporal, account, 'changeEmail');
  if (addressStep === 'withdraw') await withdrawEmailChange(temporal, account);
  return account;
}

/** Mails a new link to a declarant whose address — or the new address waiting to replace it — is not confirmed yet. */
export async function resendLink(orm: MikroORM, temporal: Client, auth: AuthContext, id: string): Promise<Account> {
  const em = orm.em.fork();
  const account = await findDeclarant(em, auth.scope, id);
  if (account.emailConfirmedAt && !account.pendingEmail) throw addressAlreadyConfirmed();
  const owner = await addressOwner(em, account);
  if (owner) throw owner;
  await sendNewLink(temporal, account, 'resend');
  return account;
}
