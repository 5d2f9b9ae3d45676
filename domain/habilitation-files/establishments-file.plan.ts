import { ensureDefault, range, revokeHeld, type PlannedCell } from './cell-plan';
import {
  HEADERLESS,
  isEstablishmentsHeader,
  readAction,
  readEstablishmentsHeader,
  readEstablishmentsSiret,
  type EstablishmentsHeader,
} from './establishments-file.layout';
import { FILE_CODES } from './habilitation-file.reasons';
import { FilePlan } from './file-plan';
import type { PortfolioIndex } from './portfolio-index';
import { reject, type Read } from './spreadsheet-cells.rules';

/**
 * An establishments file's plan. `1` gives the SIRET to the declarants of
 * the portfolio (PortfolioIndex: those holding a habilitation through it)
 * for every service of the portfolio, with the default rights, creating
 * only the cells missing (existing ones, and cells held through another
 * portfolio, are unchanged). `0` removes every habilitation granted through
 * the portfolio on the SIRET, whoever holds it (a radiated declarant's too).
 * The SIRET must already be in the portfolio: adding a SIRET to the
 * portfolio itself is the portfolio's content (api/portfolios), which a
 * planned change does not carry. Checked in order: damage and shape, the
 * SIRET, in the portfolio, not a duplicate (the same SIRET on an earlier
 * line), the action.
 */
export class EstablishmentsFilePlan extends FilePlan {
  private layout: EstablishmentsHeader = HEADERLESS;
  private readonly seen = new Map<number, number>();
  private readonly declarants: number[];
  private readonly services: number[];

  constructor(private readonly index: PortfolioIndex) {
    super();
    this.declarants = index.portfolioDeclarants();
    this.services = range(index.serviceCodes.length);
  }

  protected first(fields: string[]): Read<'HEADER' | 'DATA'> {
    if (!isEstablishmentsHeader(fields)) return { ok: true, value: 'DATA' };
    const header = readEstablishmentsHeader(fields);
    if (!header.ok) return header;
    this.layout = header.value;
    return { ok: true, value: 'HEADER' };
  }

  protected width(): number {
    return this.layout.width;
  }

  protected columnName(position: number): string {
    return this.layout.names[position] ?? `#${position + 1}`;
  }

  protected planLine(line: number, fields: string[]): Read<PlannedCell[]> {
    const siret = readEstablishmentsSiret(this.layout, fields);
    if (!siret.ok) return siret;
    const siretAt = this.index.siret(siret.value);
    if (siretAt === undefined) return reject(FILE_CODES.siretNotInPortfolio, { siret: siret.value });
    const firstLine = this.seen.get(siretAt);
    if (firstLine !== undefined) return reject(FILE_CODES.duplicateLine, { firstLine });
    this.seen.set(siretAt, line);
    const action = readAction(this.layout, fields);
    if (!action.ok) return action;
    return action.value === 'ADD' ? this.add(line, siretAt) : { ok: true, value: this.remove(line, siretAt) };
  }

  private add(line: number, siret: number): Read<PlannedCell[]> {
    if (!this.services.length) return reject(FILE_CODES.noService);
    if (!this.declarants.length) return reject(FILE_CODES.noDeclarant);
    return { ok: true, value: ensureDefault(this.index, line, this.declarants, [siret], this.services) };
  }

  private remove(line: number, siret: number): PlannedCell[] {
    return revokeHeld(this.index, line, [siret], this.services);
  }
}
