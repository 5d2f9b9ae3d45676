import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { ACCOUNT_CONFIRMATION_DEFAULTS } from '../../domain/account/account-confirmation.defaults';
import { declarantNotFound } from '../../domain/account/declarant.errors';
import {
  ACCOUNT_CONFIRMATION_WORKFLOW_TYPE,
  AccountConfirmationFailure,
  accountConfirmationWorkflowId,
  changeEmailUpdate,
  resendAccountConfirmationUpdate,
  withdrawEmailChangeUpdate,
  type AccountConfirmationInput,
  type AccountConfirmationResult,
} from '../../workflows/account-confirmation/account-confirmation.messages';
import { CompanySiren, SubjectAccount } from '../../workflows/search-attributes';
import { TASK_QUEUE } from '../../workflows/task-queue';
import { sirenOf } from '../../domain/identifiers/identifiers.rules';

/** The account whose address a confirmation proves. */
export interface ConfirmedAccount {
  id: string;
  siret: string;
}

/** Starts the confirmation of the address now on the account; it mails the first link. */
export async function startAccountConfirmation(temporal: Client, account: ConfirmedAccount): Promise<void> {
  const accountId = account.id;
  const input: AccountConfirmationInput = { accountId, durations: ACCOUNT_CONFIRMATION_DEFAULTS };
  await temporal.workflow.start(ACCOUNT_CONFIRMATION_WORKFLOW_TYPE, {
    taskQueue: TASK_QUEUE,
    workflowId: accountConfirmationWorkflowId(accountId),
    args: [input],
    workflowIdConflictPolicy: 'FAIL',
    workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    typedSearchAttributes: [
      { key: CompanySiren, value: sirenOf(account.siret) },
      { key: SubjectAccount, value: accountId },
    ],
  });
}

/** Why a running confirmation may refuse a new link and a new run must take over. */
const OVER = {
  // CANCELLED: cancelled from supervision, or a change of a confirmed address withdrawn, and not closed yet.
  changeEmail: [AccountConfirmationFailure.EXPIRED, AccountConfirmationFailure.ALREADY_CONFIRMED, AccountConfirmationFailure.CANCELLED],
  resend: [AccountConfirmationFailure.EXPIRED],
} as const;

/**
 * Sends a new link for the account's address (`temporal` acting as the
 * person who asked: actingTemporal): through its running
 * confirmation, or — when that one is over (the old address was confirmed,
 * or it expired) — through a new run once the old one has closed.
 */
export async function sendNewLink(temporal: Client, account: ConfirmedAccount, reason: keyof typeof OVER): Promise<void> {
  const handle = temporal.workflow.getHandle(accountConfirmationWorkflowId(account.id));
  try {
    await handle.executeUpdate(reason === 'changeEmail' ? changeEmailUpdate : resendAccountConfirmationUpdate);
    return;
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError) && !(OVER[reason] as readonly string[]).includes(failureType(err) ?? '')) throw err;
  }
  const ended = (await handle.result().catch(() => undefined)) as AccountConfirmationResult | undefined;
  if (ended?.outcome === 'REMOVED') throw declarantNotFound();
  await startAccountConfirmation(temporal, account);
}

/**
 * Tells the running confirmation that the new address it awaits was
 * withdrawn (the API set the account back to its confirmed address and
 * voided the links): it stops waiting. A confirmation already over — closed,
 * expired, cancelled, or confirmed an instant before — has nothing to stop.
 */
export async function withdrawEmailChange(temporal: Client, account: ConfirmedAccount): Promise<void> {
  const handle = temporal.workflow.getHandle(accountConfirmationWorkflowId(account.id));
  try {
    await handle.executeUpdate(withdrawEmailChangeUpdate);
  } catch (err) {
    const over: readonly string[] = [AccountConfirmationFailure.EXPIRED, AccountConfirmationFailure.ALREADY_CONFIRMED, AccountConfirmationFailure.CANCELLED];
    if (!(err instanceof WorkflowNotFoundError) && !over.includes(failureType(err) ?? '')) throw err;
  }
}

function failureType(err: unknown): string | undefined {
  return err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure ? (err.cause.type ?? undefined) : undefined;
}
