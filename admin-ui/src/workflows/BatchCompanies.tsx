import { Alert, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { BatchPreview } from './workflowCommands';

/** The companies shown at most; the others are summed up in one line. */
const SHOWN = 8;

/** The count per company of a batch that acts on every company. */
export const BatchCompanies = ({ preview }: { preview: BatchPreview }) => {
  const translate = useTranslate();
  const shown = preview.byCompany.slice(0, SHOWN);
  const others = preview.byCompany.slice(SHOWN);
  return (
    <Alert severity="error" sx={{ mb: 1 }} icon={false}>
      {translate('app.workflows.batch_all_companies', { smart_count: preview.byCompany.length })}
      <Table size="small" sx={{ mt: 1 }}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('app.workflows.batch_company')}</TableCell>
            <TableCell align="right">{translate('app.workflows.batch_company_count')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {shown.map((row) => (
            <TableRow key={row.companySiren ?? ''}>
              <TableCell>{row.companySiren ? `${row.legalName ?? ''} (${row.companySiren})` : translate('app.workflows.batch_no_company')}</TableCell>
              <TableCell align="right">{row.count}</TableCell>
            </TableRow>
          ))}
          {others.length > 0 && (
            <TableRow>
              <TableCell>{translate('app.workflows.batch_other_companies', { smart_count: others.length })}</TableCell>
              <TableCell align="right">{others.reduce((sum, row) => sum + row.count, 0)}</TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
      {preview.truncated && translate('app.workflows.batch_truncated')}
    </Alert>
  );
};
