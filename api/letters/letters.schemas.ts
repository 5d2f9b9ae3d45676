import type { ActivationLetter } from '../../domain/candidacy/activation-letter.entity';
import { LETTER_STATUSES } from '../../domain/candidacy/candidacy.status';
import { z } from '../http/openapi';

export const LetterRecord = z
  .object({
    id: z.string(),
    candidacyId: z.string(),
    sequence: z.number(),
    companyName: z.string(),
    siret: z.string(),
    candidateName: z.string(),
    address: z.string().nullable().openapi({ description: 'The head-office address it goes to; null: the company had none' }),
    status: z.enum(LETTER_STATUSES),
    held: z.boolean().openapi({ description: 'Pending without a postal address: held back, it can be neither printed nor posted' }),
    createdAt: z.string(),
    postBy: z.string(),
    postedAt: z.string().nullable(),
    keyExpiresAt: z.string().nullable(),
    overdue: z.boolean().openapi({ description: 'Still pending after its posting deadline (14 days by default)' }),
  })
  .openapi('ActivationLetter');

export const LetterFilter = z.object({ status: z.enum(LETTER_STATUSES).optional(), overdue: z.boolean().optional() });

export const LetterIds = z.object({ ids: z.array(z.string().uuid()).min(1).max(200) }).openapi('LetterIds');

export const MergedPdfQuery = z.object({
  ids: z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.string().uuid('Identifiant invalide')).min(1).max(200)),
});

/** A pending letter without a postal address: held back (no PDF). */
export const isHeld = (l: Pick<ActivationLetter, 'status' | 'address'>) => l.status === 'PENDING' && !l.address;

export function letterRecord(l: ActivationLetter, now = new Date()) {
  return {
    id: l.id,
    candidacyId: l.candidacy.id,
    sequence: l.sequence,
    companyName: l.companyName,
    siret: l.siret,
    candidateName: l.candidateName,
    address: l.address ?? null,
    status: l.status,
    held: isHeld(l),
    createdAt: l.createdAt.toISOString(),
    postBy: l.postBy.toISOString(),
    postedAt: l.postedAt?.toISOString() ?? null,
    keyExpiresAt: l.keyExpiresAt?.toISOString() ?? null,
    overdue: l.status === 'PENDING' && l.postBy <= now,
  };
}
