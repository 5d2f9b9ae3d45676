import { z } from '../http/openapi';

export const LoginBody = z
  .object({
    siret: z.string().trim().regex(/^\d{14}$/, 'SIRET : 14 chiffres'),
    lastName: z.string().trim().min(1, 'Nom obligatoire').max(100),
    firstName: z.string().trim().min(1, 'Prénom obligatoire').max(100),
    password: z.string().min(1, 'Mot de passe obligatoire').max(256),
  })
  .openapi('LoginRequest');

export const Identity = z
  .object({
    id: z.string().uuid(),
    siret: z.string(),
    lastName: z.string(),
    firstName: z.string(),
    email: z.string(),
    role: z.enum(['SUPPORT', 'ADMINISTRATOR', 'DECLARANT']),
    adminStatus: z.enum(['PRIMO_AD', 'CANDIDATE_AD', 'ACTIVE']).nullable(),
    companyId: z.string().uuid(),
    companySiren: z.string(),
    companyName: z.string(),
  })
  .openapi('Identity');
