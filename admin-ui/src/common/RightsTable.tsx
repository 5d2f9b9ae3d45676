import CheckIcon from '@mui/icons-material/Check';
import { Alert, Chip, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useTranslate } from 'react-admin';
import { toneOf } from '../enums';
import { RIGHTS } from '../habilitations/RightsMenu';
import type { HabilitationRights } from '../types';

export interface RightRow extends HabilitationRights {
  siret: string;
  serviceCode: string;
  portfolioName?: string;
  /** After a departure: what happened to the right. */
  outcome?: string;
}

/** The head of a table of rights: portfolio, SIRET, service, then the three rights. */
export const RightsHeadCells = () => {
  const translate = useTranslate();
  return (
    <>
      <TableCell>{translate('app.rights.portfolio')}</TableCell>
      <TableCell>{translate('app.rights.siret')}</TableCell>
      <TableCell>{translate('app.rights.service')}</TableCell>
      {RIGHTS.map((right) => (
        <TableCell key={right} align="center">
          {translate(`app.rights.${right}`)}
        </TableCell>
      ))}
    </>
  );
};

/** Rights as a table: portfolio, SIRET, service, the three rights, and (after a departure) each right's outcome. */
export const RightsTable = ({ rights, empty }: { rights: RightRow[]; empty: string }) => {
  const translate = useTranslate();
  if (rights.length === 0) return <Alert severity="info">{translate(empty)}</Alert>;
  const withOutcome = rights.some((right) => right.outcome != null);
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          <RightsHeadCells />
          {withOutcome && <TableCell>{translate('app.rights.outcome')}</TableCell>}
        </TableRow>
      </TableHead>
      <TableBody>
        {rights.map((right) => (
          <TableRow key={`${right.siret}|${right.serviceCode}`}>
            <TableCell>{right.portfolioName}</TableCell>
            <TableCell sx={{ fontFamily: 'monospace' }}>{right.siret}</TableCell>
            <TableCell>{right.serviceCode}</TableCell>
            {RIGHTS.map((name) => (
              <TableCell key={name} align="center">
                {right[name] && <CheckIcon fontSize="small" aria-label={translate(`app.rights.${name}`)} />}
              </TableCell>
            ))}
            {withOutcome && (
              <TableCell>
                {right.outcome && (
                  <Chip size="small" color={toneOf(right.outcome)} label={translate(`app.enums.rightOutcome.${right.outcome}`)} />
                )}
              </TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
