import { passwordWeakness } from '../../domain/account/password.rules';
import { checkSiren, checkSiret } from '../../domain/identifiers/identifiers.rules';
import { z } from '../http/openapi';

const name = (label: string) => z.string().trim().min(1, `${label} obligatoire`).max(100, `${label} : 100 caractères au plus`);

export const RegistrationRequest = z
  .object({
    siren: z.string().openapi({ example: '732829320' }),
    siret: z.string().openapi({ example: '73282932000074', description: 'SIRET of the head office' }),
    legalName: z.string().trim().max(200).optional(),
    headOfficeAddress: z.multilineText().trim().max(500).optional(),
    lastName: name('Nom'),
    firstName: name('Prénom'),
    email: z.string().trim().toLowerCase().email('Adresse e-mail invalide').max(254),
    password: z.string().max(256),
  })
  .superRefine((body, ctx) => {
    const siren = checkSiren(body.siren);
    if (!siren.ok) ctx.addIssue({ code: 'custom', path: ['siren'], message: siren.message, params: { code: siren.code } });
    const siret = checkSiret(body.siret);
    if (!siret.ok) ctx.addIssue({ code: 'custom', path: ['siret'], message: siret.message, params: { code: siret.code } });
    else if (siren.ok && !siret.value.startsWith(siren.value)) {
      ctx.addIssue({
        code: 'custom',
        path: ['siret'],
        message: `Le SIRET ${siret.value} n’appartient pas à l’entreprise ${siren.value} : ses 9 premiers chiffres doivent être le SIREN.`,
        params: { code: 'IDENTIFIER.SIRET_NOT_UNDER_SIREN' },
      });
    }
    const weakness = passwordWeakness(body.password);
    if (weakness) ctx.addIssue({ code: 'custom', path: ['password'], message: weakness });
  })
  .transform((body) => ({
    ...body,
    siren: body.siren.replace(/\D/g, ''),
    siret: body.siret.replace(/\D/g, ''),
  }))
  .openapi('RegistrationRequest');

export type RegistrationRequest = z.infer<typeof RegistrationRequest>;

export const RegistrationAccepted = z.object({ id: z.string(), workflowId: z.string() }).openapi('RegistrationAccepted');

export const TokenBody = z.object({ token: z.string().min(10, 'Jeton manquant').max(200) }).openapi('ConfirmationToken');

export const Confirmed = z
  .object({ status: z.literal('CONFIRMED'), siret: z.string(), lastName: z.string(), firstName: z.string() })
  .openapi('RegistrationConfirmed');

export const RegistrationRecord = z
  .object({
    id: z.string(),
    siren: z.string().nullable(),
    siret: z.string().nullable(),
    legalName: z.string().nullable(),
    workflowStatus: z.string(),
    phase: z.string().nullable(),
    tokenExpiresAt: z.string().nullable(),
    purgeAt: z.string().nullable(),
    mailsSent: z.number().nullable(),
    reminderSent: z.boolean().nullable(),
    confirmedAt: z.string().nullable(),
    startedAt: z.string(),
    closedAt: z.string().nullable(),
    temporalUiUrl: z.string(),
  })
  .openapi('Registration');
