import { CompanyStatus } from '../../domain/company/company.entity';
import { z } from '../http/openapi';

export const CompanyRecord = z
  .object({
    id: z.string().uuid(),
    siren: z.string(),
    legalName: z.string(),
    headOfficeAddress: z.string(),
    status: z.enum(CompanyStatus),
    operator: z.boolean(),
    createdAt: z.string().datetime(),
  })
  .openapi('Company');

export const CompanyFilter = z.object({
  q: z.string().trim().optional(),
  status: z.enum(CompanyStatus).optional(),
});

export const CompanyUpdate = z
  .object({
    legalName: z.string().trim().min(1, 'Raison sociale obligatoire').max(200),
    headOfficeAddress: z.multilineText().trim().min(5, 'Adresse trop courte').max(500),
  })
  .openapi('CompanyUpdate');
