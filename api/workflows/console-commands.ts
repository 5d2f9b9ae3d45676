import {
  ACCOUNT_CONFIRMATION_WORKFLOW_TYPE,
  resendAccountConfirmationUpdate,
} from '../../workflows/account-confirmation/account-confirmation.messages';
import { DEPARTURE_WORKFLOW_TYPE, recheckDepartureSignal } from '../../workflows/collaborator-departure/collaborator-departure.messages';
import { REGISTRATION_WORKFLOW_TYPE, resendConfirmationUpdate } from '../../workflows/registration/registration.messages';

/**
 * A message of the workflow's own that support may send from the console,
 * without arguments: an update (validated and answered by the workflow) or a signal.
 */
export interface ConsoleCommand {
  name: string;
  kind: 'update' | 'signal';
}

/**
 * The console commands of each workflow type: the only per-type entry of
 * supervision, and an optional one (a type missing here is listed, detailed
 * and repaired like any other, just without commands).
 */
const CONSOLE_COMMANDS: Record<string, ConsoleCommand[]> = {
  [REGISTRATION_WORKFLOW_TYPE]: [{ name: resendConfirmationUpdate.name, kind: 'update' }],
  [ACCOUNT_CONFIRMATION_WORKFLOW_TYPE]: [{ name: resendAccountConfirmationUpdate.name, kind: 'update' }],
  [DEPARTURE_WORKFLOW_TYPE]: [{ name: recheckDepartureSignal.name, kind: 'signal' }],
};

export const consoleCommandsOf = (workflowType: string): ConsoleCommand[] => CONSOLE_COMMANDS[workflowType] ?? [];
