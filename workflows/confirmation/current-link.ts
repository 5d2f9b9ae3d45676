import { ApplicationFailure } from '@temporalio/workflow';
import { RegistrationFailure } from '../registration/registration.messages';

/** The link a confirmation workflow mailed last: only this one may confirm. */
export interface CurrentLink {
  id: string;
  expiresAt: number;
}

/** Validator step shared by every process that proves an address by link. */
export function assertCurrentLink(link: CurrentLink | undefined, tokenId: string): void {
  if (!link || link.id !== tokenId) {
    throw ApplicationFailure.create({
      type: RegistrationFailure.TOKEN_NOT_CURRENT,
      message: 'Ce lien a été remplacé par un lien plus récent : utilisez le dernier e-mail reçu.',
    });
  }
  if (Date.now() >= link.expiresAt) {
    throw ApplicationFailure.create({
      type: RegistrationFailure.TOKEN_EXPIRED,
      message: 'Ce lien a expiré : demandez un nouvel e-mail de confirmation.',
    });
  }
}
