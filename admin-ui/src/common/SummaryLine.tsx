import { TableCell, TableRow } from '@mui/material';
import { useTranslate } from 'react-admin';

/** A line « label: value » of a wizard's summary table. */
export const SummaryLine = ({ label, value }: { label: string; value: string | undefined }) => {
  const translate = useTranslate();
  return (
    <TableRow>
      <TableCell component="th" sx={{ width: 260 }}>
        {translate(label)}
      </TableCell>
      <TableCell>{value}</TableCell>
    </TableRow>
  );
};
