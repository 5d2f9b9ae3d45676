import { AccountRole, AccountStatus, AdminStatus, type Account } from '../../domain/account/account.entity';
import { z } from '../http/openapi';

const iso = (d?: Date | null) => (d ? d.toISOString() : null);

export const AccountRecord = z
  .object({
    id: z.string().uuid(),
    siret: z.string(),
    lastName: z.string(),
    firstName: z.string(),
    email: z.string().openapi({ description: 'The address in use (mails, approvals); a change of it stays pending until confirmed' }),
    pendingEmail: z
      .string()
      .nullable()
      .openapi({ description: 'A new address waiting for its confirmation link; it replaces `email` once confirmed (null when none)' }),
    role: z.enum(AccountRole),
    status: z.enum(AccountStatus),
    adminStatus: z.enum(AdminStatus).nullable(),
    companyId: z.string().uuid(),
    emailConfirmedAt: z.string().datetime().nullable(),
    lastLoginAt: z.string().datetime().nullable(),
    lockedUntil: z.string().datetime().nullable(),
    createdAt: z.string().datetime(),
  })
  .openapi('Account');

export const toAccountRecord = (a: Account): z.infer<typeof AccountRecord> => ({
  id: a.id,
  siret: a.siret,
  lastName: a.lastName,
  firstName: a.firstName,
  email: a.email,
  pendingEmail: a.pendingEmail ?? null,
  role: a.role,
  status: a.status,
  adminStatus: a.adminStatus ?? null,
  companyId: a.company.id,
  emailConfirmedAt: iso(a.emailConfirmedAt),
  lastLoginAt: iso(a.lastLoginAt),
  lockedUntil: iso(a.lockedUntil),
  createdAt: a.createdAt.toISOString(),
});
