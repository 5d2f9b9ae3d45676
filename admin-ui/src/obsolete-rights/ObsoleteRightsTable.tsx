import { Chip, Table, TableBody, TableCell, TableHead, TablePagination, TableRow } from '@mui/material';
import { useState } from 'react';
import { Link, useCreatePath, useTranslate } from 'react-admin';
import { toneOf } from '../enums';
import type { ObsoleteRight } from '../types';

const ROWS_PER_PAGE = [25, 50, 100];

/** The obsolete rights, paged on screen (the API answers them all, with their count). */
export const ObsoleteRightsTable = ({ items }: { items: ObsoleteRight[] }) => {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const [page, setPage] = useState(0);
  const [perPage, setPerPage] = useState(25);
  const currentPage = Math.min(page, Math.max(0, Math.ceil(items.length / perPage) - 1));
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
          {items.slice(currentPage * perPage, (currentPage + 1) * perPage).map((right) => (
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
      <TablePagination
        component="div"
        count={items.length}
        page={currentPage}
        rowsPerPage={perPage}
        rowsPerPageOptions={ROWS_PER_PAGE}
        onPageChange={(_, next) => setPage(next)}
        onRowsPerPageChange={(event) => {
          setPerPage(Number(event.target.value));
          setPage(0);
        }}
        labelRowsPerPage={translate('ra.navigation.page_rows_per_page')}
        labelDisplayedRows={({ from, to, count }) =>
          translate('ra.navigation.page_range_info', { offsetBegin: from, offsetEnd: to, total: count })
        }
      />
    </>
  );
};
