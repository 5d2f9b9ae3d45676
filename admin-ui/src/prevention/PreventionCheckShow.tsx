import { Box, LinearProgress, Typography } from '@mui/material';
import { Link, ShowBase, Title, useCreatePath, useRecordContext, useTranslate } from 'react-admin';
import { PreventionCheckDetails } from './PreventionCheckDetails';
import type { PreventionCheck } from './types';

const CheckShowContent = () => {
  const check = useRecordContext<PreventionCheck>();
  const translate = useTranslate();
  const createPath = useCreatePath();
  if (!check) return <LinearProgress sx={{ mt: 2 }} />;
  return (
    <Box sx={{ mt: 2, mb: 4 }}>
      <Title title={translate('app.prevention.check.show_title', { year: check.year, siren: check.employerSiren })} />
      <PreventionCheckDetails
        check={check}
        actions={
          <Typography variant="body2">
            <Link to={createPath({ resource: 'workflows', type: 'show', id: check.workflowId })}>{translate('app.prevention.check.process')}</Link>
          </Typography>
        }
      />
    </Box>
  );
};

/** An employer's yearly check as support reads it: the administrators' page, without « Vérification faite » (theirs only), with its process. */
export const PreventionCheckShow = () => (
  <ShowBase>
    <CheckShowContent />
  </ShowBase>
);
