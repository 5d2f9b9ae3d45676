import { PortfolioKind, type Portfolio } from '../../domain/rights/portfolio.entity';
import { portfolioAdvice } from '../../domain/rights/portfolio.rules';
import { z } from '../http/openapi';
import { Siren, Siret } from './identifier.schemas';

const name = z.string().trim().min(1, 'Nom obligatoire').max(200, 'Nom : 200 caractères au plus');

export const PortfolioRecord = z
  .object({
    id: z.string().uuid(),
    companyId: z.string().uuid(),
    kind: z.enum(PortfolioKind),
    name: z.string(),
    siretCount: z.number().int(),
    serviceCodes: z.array(z.string()),
    advice: z.string().nullable().openapi({ description: 'DOMAIN.md advice when the portfolio holds more than 100 SIRETs' }),
    createdAt: z.string().datetime(),
  })
  .openapi('Portfolio');

export const PortfolioFilter = z.object({
  q: z.string().trim().optional(),
  companyId: z.string().uuid().optional(),
  kind: z.enum(PortfolioKind).optional(),
});

export const PortfolioCreate = z
  .object({ name, companyId: z.string().uuid().optional().openapi({ description: 'Required for support' }) })
  .openapi('PortfolioCreate');

export const PortfolioRename = z.object({ name }).openapi('PortfolioRename');

export const EstablishmentsAdd = z
  .object({ siret: Siret.optional(), siren: Siren.optional() })
  .superRefine((body, ctx) => {
    if ((body.siret === undefined) === (body.siren === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['siret'], message: 'Donnez soit un SIRET, soit un SIREN (tous ses établissements connus).' });
    }
  })
  .openapi('PortfolioEstablishmentsAdd');

export const EstablishmentsAdded = z
  .object({ added: z.array(z.string()), alreadyThere: z.array(z.string()) })
  .openapi('PortfolioEstablishmentsAdded');

export const PortfolioEstablishmentRecord = z
  .object({
    id: z.string(),
    siret: z.string(),
    name: z.string().nullable().openapi({ description: 'Only for a SIRET the portfolio’s company manages (its own establishment, or a DSN it filed within the look-back)' }),
    addedAt: z.string().datetime(),
  })
  .openapi('PortfolioEstablishment');

export const ServiceAdd = z.object({ serviceCode: z.string().trim().min(1, 'Service obligatoire').max(32) }).openapi('PortfolioServiceAdd');

export const IdParams = z.object({ id: z.string().uuid('Identifiant invalide') });
export const SiretParams = IdParams.extend({ siret: z.string().regex(/^\d{14}$/, 'SIRET : 14 chiffres') });
export const CodeParams = IdParams.extend({ code: z.string().max(32) });

export function toPortfolioRecord(p: Portfolio) {
  const siretCount = p.siretCount ?? 0;
  return {
    id: p.id,
    companyId: p.company.id,
    kind: p.kind,
    name: p.name,
    siretCount,
    serviceCodes: p.serviceCodes ?? [],
    advice: portfolioAdvice(siretCount),
    createdAt: p.createdAt.toISOString(),
  };
}
