import { Alert, Button, Card, CardActions, CardContent, CircularProgress, Stack, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  HttpError,
  Labeled,
  NumberField,
  RecordContextProvider,
  TextField,
  Title,
  useRedirect,
  useTranslate,
} from 'react-admin';
import { forgetIdentity } from '../authProvider';
import { DateTimeField } from '../common/DateTimeField';
import { EnumField } from '../common/EnumField';
import type { Candidacy } from '../types';
import { ActivationKeyForm } from './ActivationKeyForm';
import { CancelCandidacyButton, LetterRouteButton, RequestLetterButton } from './CandidacyActions';
import { getMyCandidacy } from './candidacyCommands';
import { awaitsKey } from './candidacyRules';

/** Once approved, the same session is an administrator's: the console reloads who is signed in. */
const EnterConsoleButton = () => {
  const translate = useTranslate();
  const queryClient = useQueryClient();
  const redirect = useRedirect();
  const enter = async () => {
    forgetIdentity();
    await queryClient.invalidateQueries({ queryKey: ['auth'] });
    redirect('/');
  };
  return (
    <Button variant="contained" onClick={enter}>
      {translate('app.my_candidacy.enter_console')}
    </Button>
  );
};

const CandidacyDetails = ({ candidacy }: { candidacy: Candidacy }) => {
  const translate = useTranslate();
  return (
    <RecordContextProvider value={candidacy}>
      <Card sx={{ mt: 2 }}>
        <CardContent>
          <Typography variant="h6" component="h2" gutterBottom>
            {translate('app.my_candidacy.heading', { company: candidacy.companyName })}
          </Typography>
          <Alert severity={candidacy.status === 'APPROVED' ? 'success' : 'info'} sx={{ mb: 2 }}>
            {translate(`app.my_candidacy.explain.${candidacy.status}`)}
            {candidacy.status === 'REFUSED' && candidacy.refusalReason && ` ${candidacy.refusalReason}`}
          </Alert>
          <Stack direction="row" spacing={4} useFlexGap sx={{ flexWrap: 'wrap' }}>
            <Labeled source="status" resource="candidacies">
              <EnumField source="status" enumName="candidacyStatus" />
            </Labeled>
            <Labeled source="route" resource="candidacies">
              <EnumField source="route" enumName="candidacyRoute" />
            </Labeled>
            <Labeled source="siret" resource="candidacies">
              <TextField source="siret" />
            </Labeled>
            <Labeled source="createdAt" resource="candidacies">
              <DateTimeField source="createdAt" />
            </Labeled>
            {candidacy.dueDate && (
              <Labeled source="dueDate" resource="candidacies">
                <DateTimeField source="dueDate" />
              </Labeled>
            )}
            <Labeled source="expiresAt" resource="candidacies">
              <DateTimeField source="expiresAt" />
            </Labeled>
            {candidacy.attemptsLeft != null && (
              <Labeled source="attemptsLeft" resource="candidacies">
                <NumberField source="attemptsLeft" />
              </Labeled>
            )}
            <Labeled source="lettersSent" resource="candidacies">
              <NumberField source="lettersSent" />
            </Labeled>
          </Stack>
          {awaitsKey(candidacy) && (
            <>
              <Typography variant="subtitle1" component="h3" sx={{ mt: 3, mb: 1 }}>
                {translate('app.my_candidacy.key_title')}
              </Typography>
              <ActivationKeyForm />
            </>
          )}
        </CardContent>
        <CardActions>
          {candidacy.status === 'APPROVED' && <EnterConsoleButton />}
          <LetterRouteButton />
          <RequestLetterButton label="app.my_candidacy.new_letter" />
          <CancelCandidacyButton />
        </CardActions>
      </Card>
    </RecordContextProvider>
  );
};

/** « Ma candidature »: the candidate's status, route, deadlines, letters and activation key. */
export const MyCandidacyPage = () => {
  const translate = useTranslate();
  const { data, error, isPending } = useQuery({ queryKey: ['candidacies', 'mine'], queryFn: getMyCandidacy, retry: false });
  const missing = error instanceof HttpError && error.status === 404;
  return (
    <>
      <Title title="app.my_candidacy.title" />
      {isPending ? (
        <CircularProgress sx={{ mt: 2 }} />
      ) : data ? (
        <CandidacyDetails candidacy={data} />
      ) : (
        <Alert severity={missing ? 'info' : 'error'} sx={{ mt: 2 }}>
          {missing ? translate('app.my_candidacy.none') : error?.message}
        </Alert>
      )}
    </>
  );
};
