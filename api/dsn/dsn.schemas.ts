import { idsFilter } from '../http/list-query';
import { z } from '../http/openapi';
import { SiretFilter } from '../portfolios/identifier.schemas';

/** DSN facts have numeric ids; react-admin's getMany sends filter={"id":[…]}. */
export const Ids = idsFilter(z.string().regex(/^\d+$/));

export const DsnImportReport = z
  .object({
    outcome: z.enum(['OK', 'PARTIAL', 'KO']).openapi({ description: 'OK: all applied; PARTIAL: valid lines applied, some rejected; KO: nothing applied' }),
    message: z.string(),
    imported: z.number().int(),
    updated: z.number().int().openapi({ description: 'Employment relations whose end date the file brought; always 0 for DSN filings' }),
    duplicates: z.number().int(),
    rejected: z.array(z.object({ line: z.number().int(), reason: z.string() })).openapi({ description: 'The first 1000 rejected lines (file line numbers, header = 1)' }),
    rejectedCount: z.number().int(),
  })
  .openapi('DsnImportReport');

export const DsnLinkRecord = z
  .object({
    id: z.string(),
    declaringSiret: z.string(),
    declaredSiret: z.string(),
    period: z.string().openapi({ example: '2026-01' }),
    filedAt: z.string().datetime(),
    declaringAccountId: z
      .string()
      .uuid()
      .nullable()
      .openapi({ description: 'The declarant who filed it, when known and of the caller’s company (support: always)' }),
  })
  .openapi('DsnLink');

/** Filters named as the record's fields. */
export const DsnLinkFilter = z.object({
  declaredSiret: SiretFilter.optional(),
  declaringSiret: SiretFilter.optional(),
});

export const EmploymentRelationRecord = z
  .object({
    id: z.string(),
    employerSiret: z.string(),
    employeeId: z.string().openapi({ description: 'Pseudonymous id, never a NIR' }),
    startDate: z.string().openapi({ example: '2024-09-01' }),
    endDate: z.string().nullable(),
  })
  .openapi('EmploymentRelation');

export const EmploymentRelationFilter = z.object({
  employerSiret: SiretFilter.optional(),
  employeeId: z.string().trim().min(1).max(64).optional(),
});
