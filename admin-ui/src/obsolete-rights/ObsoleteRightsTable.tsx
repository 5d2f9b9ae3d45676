import { Chip, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { Link, useCreatePath, useTranslate } from 'react-admin';
import { useScreenPages } from '../common/useScreenPages';
import { toneOf } from '../enums';
import type { ObsoleteRight } from '../types';

const ROWS_PER_PAGE = [25, 50, 100];

/** The obsolete rights, paged on screen (the API answers them all, with their count). */
export const ObsoleteRightsTable = ({ items }: { items: ObsoleteRight[] }) => {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const { start, end, pager } = useScreenPages(items.length, ROWS_PER_PAGE);
  return (
    <>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{translate('app.obsolete_rights.columns.declarant')}</TableCell>
            <TableCell>{translate('app.rights.siret')}</TableCell>
            <TableCell>{translate('app.rights.service')}</TableCell>
            <TableCell>{translate('app.rights.portfolio')}</TableCell>
            <TableCell>{translate('app.obsolete_rights.columns.reason')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {items.slice(start, end).map((right) => (
            <TableRow key={String(right.habilitationId)}>
              <TableCell>
                <Link to={createPath({ resource: 'declarants', type: 'show', id: right.accountId })}>
                  {right.lastName} {right.firstName}
                </Link>
              </TableCell>
              <TableCell sx={{ fontFamily: 'monospace' }}>{right.siret}</TableCell>
              <TableCell>{right.serviceCode}</TableCell>
              <TableCell>{right.portfolioName}</TableCell>
              <TableCell>
                <Chip size="small" color={toneOf(right.reason)} label={translate(`app.enums.obsoleteReason.${right.reason}`)} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {pager}
    </>
  );
};
