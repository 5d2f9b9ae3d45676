import type { TokenPurpose } from '../confirmation/token-purpose';
import { AccountStatus } from './account.entity';

/**
 * Password hash of an account whose holder has not chosen a password yet
 * (a declarant created by an administrator): no password ever matches it.
 */
export const NO_PASSWORD_HASH = '';

/** A declarant (or a new collaborator) chooses his password when he confirms his address for the first time. */
export function choosesPasswordAtConfirmation(purpose: TokenPurpose, status: AccountStatus): boolean {
  return (purpose === 'EMAIL_CONFIRMATION' || purpose === 'ARRIVAL') && status === AccountStatus.PENDING;
}
