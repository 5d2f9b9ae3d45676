import { planCell, type PlannedCell } from './cell-plan';
import { FILE_CODES, shown } from './habilitation-file.reasons';
import { readHabilitationsCells, readHabilitationsHeader, readHabilitationsKey, type HabilitationsHeader } from './habilitations-file.layout';
import { FilePlan } from './file-plan';
import type { PortfolioIndex } from './portfolio-index';
import { reject, type Read } from './spreadsheet-cells.rules';

/**
 * A habilitations file's plan: each line names one cell row (declarant ×
 * SIRET) and sets the services its cells ask for, exactly. Checked in this
 * order, the first fault rejecting the line: damage and shape, the SIRET,
 * the triplet, the SIRET in the portfolio, the declarant known, the line
 * not a duplicate (same declarant × SIRET as an earlier line, whatever that
 * line's fate: of two contradicting lines neither applies), its cells, and
 * no cell held through another portfolio.
 */
export class HabilitationsFilePlan extends FilePlan {
  private layout: HabilitationsHeader | undefined;
  /** declarant × SIRET → the line that named it first. */
  private readonly seen = new Map<number, number>();

  constructor(private readonly index: PortfolioIndex) {
    super();
  }

  protected first(fields: string[]): Read<'HEADER' | 'DATA'> {
    const header = readHabilitationsHeader(fields, this.index.serviceCodes);
    if (!header.ok) return header;
    this.layout = header.value;
    return { ok: true, value: 'HEADER' };
  }

  protected width(): number {
    return this.layout!.width;
  }

  protected columnName(position: number): string {
    return this.layout!.names[position] ?? `#${position + 1}`;
  }

  protected planLine(line: number, fields: string[]): Read<PlannedCell[]> {
    const layout = this.layout!;
    const key = readHabilitationsKey(layout, fields);
    if (!key.ok) return key;
    const { siret, declarant } = key.value;
    const siretAt = this.index.siret(siret);
    if (siretAt === undefined) return reject(FILE_CODES.siretNotInPortfolio, { siret });
    const account = this.index.declarant(declarant.siret, declarant.lastName, declarant.firstName);
    if (account === undefined) {
      return reject(FILE_CODES.declarantUnknown, { siret: declarant.siret, lastName: shown(declarant.lastName), firstName: shown(declarant.firstName) });
    }
    const row = account * this.index.sirets.length + siretAt;
    const firstLine = this.seen.get(row);
    if (firstLine !== undefined) return reject(FILE_CODES.duplicateLine, { firstLine });
    this.seen.set(row, line);
    const cells = readHabilitationsCells(layout, fields);
    if (!cells.ok) return cells;
    const planned: PlannedCell[] = [];
    for (const { serviceCode, value } of cells.value) {
      const cell = planCell(this.index, line, { account, siret: siretAt, service: this.index.service(serviceCode)! }, value, 'SET');
      if (!cell) return reject(FILE_CODES.otherPortfolio, { column: serviceCode });
      planned.push(cell);
    }
    return { ok: true, value: planned };
  }
}
