import { TablePagination } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useTranslate } from 'react-admin';

interface ScreenPages {
  /** Index of the first row shown, and one past the last. */
  start: number;
  end: number;
  /** Back to the first page (after a filter changed the rows). */
  toFirst: () => void;
  /** The pager to put under the table, in the console's language. */
  pager: ReactNode;
}

/**
 * Pages over `total` rows held on screen: the page shown stays in range
 * when the rows shrink.
 */
export function useScreenPages(total: number, rowsPerPageOptions: number[], initialPerPage = 25): ScreenPages {
  const translate = useTranslate();
  const [page, setPage] = useState(0);
  const [perPage, setPerPage] = useState(initialPerPage);
  const current = Math.min(page, Math.max(0, Math.ceil(total / perPage) - 1));
  return {
    start: current * perPage,
    end: Math.min(total, (current + 1) * perPage),
    toFirst: () => setPage(0),
    pager: (
      <TablePagination
        component="div"
        count={total}
        page={current}
        rowsPerPage={perPage}
        rowsPerPageOptions={rowsPerPageOptions}
        onPageChange={(_, next) => setPage(next)}
        onRowsPerPageChange={(event) => {
          setPerPage(Number(event.target.value));
          setPage(0);
        }}
        labelRowsPerPage={translate('ra.navigation.page_rows_per_page')}
        labelDisplayedRows={({ from, to, count }) => translate('ra.navigation.page_range_info', { offsetBegin: from, offsetEnd: to, total: count })}
      />
    ),
  };
}
