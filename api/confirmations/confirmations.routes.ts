import { passwordWeakness } from '../../domain/account/password.rules';
import { choosesPasswordAtConfirmation } from '../../domain/account/declarant.rules';
import { passwordInvalid } from '../../domain/account/declarant.errors';
import type { TokenPurpose } from '../../domain/confirmation/token-purpose';
import { confirmAccountUpdate } from '../../workflows/account-confirmation/account-confirmation.messages';
import { confirmRegistrationUpdate } from '../../workflows/registration/registration.messages';
import { confirmCandidateEmailUpdate } from '../../workflows/administrator-candidacy/administrator-candidacy.messages';
import { confirmArrivalUpdate } from '../../workflows/collaborator-arrival/collaborator-arrival.messages';
import { newRouter, type ApiContext } from '../context';
import { publicRateLimiter } from '../http/rate-limit';
import { route } from '../http/route';
import { usableConfirmationToken } from './confirmation-token';
import { ConfirmationBody, ConfirmationDone, ConfirmationLink, TokenParams } from './confirmations.schemas';
import { storeFirstPassword } from './first-password';

/** The process that owns each kind of link; all answer the same `confirm` update. */
const CONFIRM_UPDATE: Record<TokenPurpose, typeof confirmAccountUpdate> = {
  REGISTRATION: confirmRegistrationUpdate,
  EMAIL_CONFIRMATION: confirmAccountUpdate,
  CANDIDACY: confirmCandidateEmailUpdate,
  ARRIVAL: confirmArrivalUpdate,
};

const TOKEN_ERRORS = {
  400: { description: 'REGISTRATION.TOKEN_INVALID' },
  410: { description: 'REGISTRATION.TOKEN_USED, _SUPERSEDED or _EXPIRED, with the link’s `purpose`' },
};

/** The confirm page's two calls, for every kind of confirmation link (public). */
export function confirmationRoutes(ctx: ApiContext) {
  const { orm, temporal, config } = ctx;
  const api = newRouter(ctx);
  const publicLimiter = publicRateLimiter(config);

  route(
    api,
    {
      method: 'get',
      path: '/api/confirmations/:token',
      summary: 'What a confirmation link is for, and whether the page must ask for a password (public)',
      tags: ['confirmations'],
      public: true,
      guards: [publicLimiter],
      params: TokenParams,
      responses: { 200: { description: 'The link can be used', schema: ConfirmationLink }, ...TOKEN_ERRORS },
    },
    async ({ params }, _req, res) => {
      const { purpose, account } = await usableConfirmationToken(orm.em.fork(), params.token);
      const needsPassword = choosesPasswordAtConfirmation(purpose, account.status);
      res.json({ purpose, needsPassword, siret: account.siret, lastName: account.lastName, firstName: account.firstName });
    },
  );

  route(
    api,
    {
      method: 'post',
      path: '/api/confirmations',
      summary: 'Confirm an e-mail address with the token of the mail’s link; a new declarant also chooses his password (public)',
      tags: ['confirmations'],
      public: true,
      guards: [publicLimiter],
      body: ConfirmationBody,
      responses: {
        200: { description: 'Address confirmed, account active', schema: ConfirmationDone },
        ...TOKEN_ERRORS,
        409: { description: 'REGISTRATION.ALREADY_CONFIRMED or ACCOUNT.ALREADY_CONFIRMED' },
      },
    },
    async ({ body }, _req, res) => {
      const link = await usableConfirmationToken(orm.em.fork(), body.token);
      const { account } = link;
      if (choosesPasswordAtConfirmation(link.purpose, account.status)) {
        const password = body.password ?? '';
        const weakness = password ? passwordWeakness(password) : 'Choisissez votre mot de passe.';
        if (weakness) throw passwordInvalid(weakness);
        await storeFirstPassword(orm.em.fork(), link, password);
      }
      await temporal.workflow.getHandle(link.workflowId).executeUpdate(CONFIRM_UPDATE[link.purpose], { args: [{ tokenId: link.id }] });
      res.json({ status: 'CONFIRMED', purpose: link.purpose, siret: account.siret, lastName: account.lastName, firstName: account.firstName });
    },
  );

  return api.router;
}
