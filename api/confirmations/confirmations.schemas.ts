import { TOKEN_PURPOSES } from '../../domain/confirmation/token-purpose';
import { z } from '../http/openapi';

const Token = z.string().min(10, 'Jeton manquant').max(200);

export const TokenParams = z.object({ token: Token });

export const ConfirmationBody = z
  .object({
    token: Token,
    password: z.string().max(256).optional().openapi({ description: 'Required when the link says needsPassword' }),
  })
  .openapi('ConfirmationRequest');

const Identity = { siret: z.string(), lastName: z.string(), firstName: z.string() };

export const ConfirmationLink = z
  .object({ purpose: z.enum(TOKEN_PURPOSES), needsPassword: z.boolean(), ...Identity })
  .openapi('ConfirmationLink');

export const ConfirmationDone = z
  .object({ status: z.literal('CONFIRMED'), purpose: z.enum(TOKEN_PURPOSES), ...Identity })
  .openapi('ConfirmationDone');
