import { AccessMode, type DeclarativeService } from '../../domain/rights/declarative-service.entity';
import { idsFilter } from '../http/list-query';
import { z } from '../http/openapi';

export const ServiceRecord = z
  .object({
    id: z.string(),
    code: z.string(),
    label: z.string(),
    accessMode: z.enum(AccessMode),
    checkDeclaringSiret: z.boolean(),
    checkEmployees: z.boolean(),
    active: z.boolean(),
  })
  .openapi('DeclarativeService');

export const ServiceUpdate = z
  .object({
    label: z.string().trim().min(1, 'Libellé obligatoire').max(200),
    accessMode: z.enum(AccessMode),
    checkDeclaringSiret: z.boolean(),
    checkEmployees: z.boolean(),
    active: z.boolean(),
  })
  .openapi('DeclarativeServiceUpdate');

/** react-admin's getMany sends filter={"id":[…]}, the codes here. */
export const ServiceCodes = idsFilter(z.string().max(32));

export const ServiceFilter = z.object({
  q: z.string().trim().optional(),
  accessMode: z.enum(AccessMode).optional(),
  active: z.boolean().optional(),
});

export const CodeParams = z.object({ code: z.string().max(32) });

export const toServiceRecord = (s: DeclarativeService) => ({
  id: s.code,
  code: s.code,
  label: s.label,
  accessMode: s.accessMode,
  checkDeclaringSiret: s.checkDeclaringSiret,
  checkEmployees: s.checkEmployees,
  active: s.active,
});
