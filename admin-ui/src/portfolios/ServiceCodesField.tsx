import { Chip, Stack, Tooltip } from '@mui/material';
import { useRecordContext } from 'react-admin';
import { useServiceCatalogue } from '../services/useServiceCatalogue';
import type { Portfolio } from '../types';

/** A portfolio's services as chips; the label of each in its tooltip. */
export const ServiceCodesField = () => {
  const portfolio = useRecordContext<Portfolio>();
  const { byCode } = useServiceCatalogue();
  if (!portfolio) return null;
  return (
    <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 0.5 }}>
      {portfolio.serviceCodes.map((code) => (
        <Tooltip key={code} title={byCode.get(code)?.label ?? ''}>
          <Chip size="small" variant="outlined" label={code} />
        </Tooltip>
      ))}
    </Stack>
  );
};
