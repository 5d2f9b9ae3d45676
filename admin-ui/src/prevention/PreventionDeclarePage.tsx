import { Alert, Box, Card, CardContent, LinearProgress, Stack, Typography } from '@mui/material';
import { Link, Title, useTranslate } from 'react-admin';
import { DeclarationForm } from './DeclarationForm';
import { ImportCard } from './ImportCard';
import { useDeclarantSirets } from './useDeclarantSirets';

/**
 * « Passeport de prévention — déclarer »: a training body declares the
 * trainings it gave other companies' employees, an employer those of his own
 * employees — one by form, or many by file. A declaration is never edited:
 * its learners are deleted from its page and declared again.
 */
export const PreventionDeclarePage = () => {
  const translate = useTranslate();
  const { sirets, pending } = useDeclarantSirets();
  return (
    <Box sx={{ mt: 2, mb: 4 }}>
      <Title title="app.prevention.declare.title" />
      <Stack spacing={2}>
        <Card>
          <CardContent>
            <Typography variant="h6" component="h1" gutterBottom>
              {translate('app.prevention.declare.heading')}
            </Typography>
            <Typography variant="body2" sx={{ mb: 2 }}>
              {translate('app.prevention.declare.intro')} <Link to="/prevention-declarations">{translate('app.prevention.declare.see_list')}</Link>
            </Typography>
            {pending ? (
              <LinearProgress />
            ) : sirets.length ? (
              <DeclarationForm sirets={sirets} />
            ) : (
              <Alert severity="warning">{translate('app.prevention.declare.no_siret')}</Alert>
            )}
          </CardContent>
        </Card>
        {!pending && sirets.length > 0 && <ImportCard sirets={sirets} />}
      </Stack>
    </Box>
  );
};
