import { Alert, Box, Button, Card, CardContent, Chip, CircularProgress, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  BooleanInput,
  Form,
  NumberInput,
  SelectInput,
  TextInput,
  Title,
  useGetIdentity,
  useGetList,
  useLocaleState,
  useNotify,
  useTranslate,
} from 'react-admin';
import type { FieldValues } from 'react-hook-form';
import { SubmitButton } from '../common/SubmitButton';
import { mandatory } from '../common/validation';
import { apiUrl, httpClient, postJson, segment } from '../httpClient';
import { day, euros, parisDay } from './money';
import { getTransferProjection } from './solteaEmployerApi';
import { useSolteaErrorText } from './solteaErrors';
import { REGIONS, type SolteaApplication } from './types';

const FIELDS = 'app.solteaEmployer.application.fields';

type ApplicationInput = Pick<SolteaApplication, 'uai' | 'name' | 'city' | 'region' | 'category' | 'shortageTrainings' | 'bankDetailsPresent'> & { siret?: string };

const STATUS_COLOR = { SUBMITTED: 'info', ACCEPTED: 'success', REFUSED: 'error' } as const;

/** The application's form, to submit (with the SIRET) or to change while it is editable. */
const ApplicationForm = ({ application, siret, onDone }: { application?: SolteaApplication; siret?: string; onDone: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const errorText = useSolteaErrorText();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string>();
  const regions = REGIONS.map((code) => ({ id: code, name: translate(`app.solteaEmployer.regions.${code}`) }));
  const submit = async (values: FieldValues) => {
    setFailure(undefined);
    const { siret: typed, uai, name, city, region, category, shortageTrainings, bankDetailsPresent } = values as ApplicationInput;
    const fields = { uai, name, city, region, category, shortageTrainings: Number(shortageTrainings ?? 0), bankDetailsPresent: !!bankDetailsPresent };
    try {
      if (application) {
        await httpClient(`${apiUrl}/soltea-applications/${segment(application.id)}`, { method: 'PUT', body: JSON.stringify(fields) });
      } else {
        await postJson('/soltea-applications', { siret: typed, ...fields });
      }
      await queryClient.invalidateQueries({ queryKey: ['soltea-applications'] });
      notify(application ? 'app.solteaEmployer.application.updated' : 'app.solteaEmployer.application.submitted', { type: 'success' });
      onDone();
    } catch (error) {
      setFailure(errorText(error));
      const body = (error as { body?: { errors?: Record<string, string> } }).body;
      return body?.errors;
    }
  };
  const defaults = application ?? { siret, shortageTrainings: 0, bankDetailsPresent: false };
  return (
    <Form onSubmit={submit} defaultValues={defaults} noValidate>
      {failure && (
        <Alert severity="error" role="alert" sx={{ mb: 2 }}>
          {failure}
        </Alert>
      )}
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
        {!application && <TextInput source="siret" label={`${FIELDS}.siret`} validate={mandatory} sx={{ width: 220 }} />}
        <TextInput source="name" label={`${FIELDS}.name`} validate={mandatory} sx={{ width: 360 }} />
        <TextInput source="uai" label={`${FIELDS}.uai`} validate={mandatory} helperText={`${FIELDS}.uai_help`} sx={{ width: 200 }} />
        <TextInput source="city" label={`${FIELDS}.city`} validate={mandatory} sx={{ width: 220 }} />
        <SelectInput source="region" label={`${FIELDS}.region`} choices={regions} validate={mandatory} sx={{ width: 280 }} />
        <TextInput source="category" label={`${FIELDS}.category`} validate={mandatory} helperText={`${FIELDS}.category_help`} sx={{ width: 240 }} />
        <NumberInput source="shortageTrainings" label={`${FIELDS}.shortageTrainings`} min={0} step={1} sx={{ width: 280 }} />
      </Stack>
      <BooleanInput source="bankDetailsPresent" label={`${FIELDS}.bankDetailsPresent`} helperText={`${FIELDS}.bankDetails_help`} />
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Box sx={{ width: 280 }}>
          <SubmitButton label={application ? 'app.solteaEmployer.application.save' : 'app.solteaEmployer.application.submit'} />
        </Box>
        <Button onClick={onDone}>{translate('ra.action.cancel')}</Button>
      </Stack>
    </Form>
  );
};

/** What each step paid this establishment, and what the transfers still to run are to pay it (GET /api/soltea-applications/:id/projection). */
const Transfers = ({ application }: { application: SolteaApplication }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const accepted = application.status === 'ACCEPTED';
  const { data, isPending, error } = useQuery({
    queryKey: ['soltea-applications', application.id, 'projection'],
    queryFn: () => getTransferProjection(String(application.id)),
    enabled: accepted,
  });
  if (!accepted) return null;
  if (isPending) return <CircularProgress size={20} />;
  if (error || !data) return <Alert severity="error">{translate('app.solteaEmployer.transfers.unavailable')}</Alert>;
  const dueWithoutBank = !data.bankDetailsPresent && data.steps.some((s) => (s.projected?.cents ?? 0) > 0);
  return (
    <Box sx={{ mt: 2 }}>
      <Typography variant="subtitle1" component="h3" gutterBottom>
        {translate('app.solteaEmployer.transfers.title')}
      </Typography>
      {dueWithoutBank && (
        <Alert severity="warning" sx={{ mb: 1, maxWidth: 900 }}>
          {translate('app.solteaEmployer.transfers.bank_missing')}
        </Alert>
      )}
      <Table size="small" sx={{ maxWidth: 900 }}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('app.solteaEmployer.transfers.step')}</TableCell>
            <TableCell align="right">{translate('app.solteaEmployer.transfers.paid')}</TableCell>
            <TableCell align="right">{translate('app.solteaEmployer.transfers.not_paid')}</TableCell>
            <TableCell>{translate('app.solteaEmployer.transfers.state')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {data.steps.map((s) => {
            const received = s.paidCents + s.notPaidCents > 0;
            return (
              <TableRow key={s.step}>
                <TableCell>
                  {translate(`app.solteaEmployer.steps.${s.step}`)}
                  {s.on && (
                    <Typography variant="caption" component="div" color="text.secondary">
                      {day(s.on, locale)}
                    </Typography>
                  )}
                </TableCell>
                <TableCell align="right">{received ? euros(s.paidCents, locale) : '—'}</TableCell>
                <TableCell align="right">{received ? euros(s.notPaidCents, locale) : '—'}</TableCell>
                <TableCell>
                  {s.projected && s.projected.cents > 0
                    ? translate('app.solteaEmployer.transfers.projected', { amount: euros(s.projected.cents, locale), smart_count: s.projected.employers })
                    : !s.done && !received
                      ? translate('app.solteaEmployer.transfers.to_come')
                      : s.notPaidCents > 0
                        ? translate('app.solteaEmployer.transfers.no_bank_details')
                        : received
                          ? translate('app.solteaEmployer.transfers.done', { day: parisDay(s.lastAt!, locale), smart_count: s.employers })
                          : translate('app.solteaEmployer.transfers.nothing')}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Box>
  );
};

const ApplicationCard = ({ application }: { application: SolteaApplication }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const [editing, setEditing] = useState(false);
  const regionName = translate(`app.solteaEmployer.regions.${application.region}`, { _: application.region });
  return (
    <Card>
      <CardContent>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1 }}>
          <Typography variant="h6" component="h2">
            {translate('app.solteaEmployer.application.heading', { name: application.name, year: application.year })}
          </Typography>
          <Chip size="small" color={STATUS_COLOR[application.status]} label={translate(`app.solteaEmployer.application.status.${application.status}`)} />
          {application.editable && !editing && (
            <Button variant="outlined" size="small" onClick={() => setEditing(true)}>
              {translate('app.solteaEmployer.application.edit')}
            </Button>
          )}
        </Stack>
        <Alert severity={application.status === 'REFUSED' ? 'error' : application.status === 'ACCEPTED' ? 'success' : 'info'} sx={{ mb: 2 }}>
          {translate(`app.solteaEmployer.application.explain.${application.status}${application.status === 'SUBMITTED' && !application.editable ? '_LOCKED' : ''}`, {
            day: application.decidedAt ? parisDay(application.decidedAt, locale) : '',
          })}
          {application.status === 'REFUSED' && application.refusalReason && (
            <Box component="span" sx={{ display: 'block', mt: 0.5 }}>
              {translate('app.solteaEmployer.application.reason', { reason: application.refusalReason })}
            </Box>
          )}
        </Alert>
        {editing ? (
          <ApplicationForm application={application} onDone={() => setEditing(false)} />
        ) : (
          <Typography variant="body2" component="div">
            {translate('app.solteaEmployer.application.summary', {
              siret: application.siret,
              uai: application.uai,
              city: application.city,
              region: regionName,
              category: application.category,
              trainings: application.shortageTrainings,
            })}
            <br />
            {translate(application.bankDetailsPresent ? 'app.solteaEmployer.application.bank_yes' : 'app.solteaEmployer.application.bank_no')}
          </Typography>
        )}
        <Transfers application={application} />
      </CardContent>
    </Card>
  );
};

/**
 * « SOLTéA — candidature »: the applications of the establishments the
 * signed-in person acts for (GET /api/soltea-applications), their status
 * (the refusal's reason), the form to apply inside the window or change an
 * application while it is editable, and what each transfer paid.
 */
export const MySolteaApplicationPage = () => {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const [creating, setCreating] = useState(false);
  const { data: applications = [], isPending } = useGetList<SolteaApplication>('soltea-applications', {
    pagination: { page: 1, perPage: 50 },
    sort: { field: 'year', order: 'DESC' },
  });
  return (
    <Box sx={{ mt: 2, mb: 4 }}>
      <Title title="app.solteaEmployer.application.title" />
      <Stack spacing={2}>
        <Card>
          <CardContent>
            <Typography variant="h6" component="h1" gutterBottom>
              {translate('app.solteaEmployer.application.title')}
            </Typography>
            <Typography variant="body2" sx={{ mb: creating ? 2 : 1 }}>
              {translate('app.solteaEmployer.application.intro')}
            </Typography>
            {creating ? (
              <ApplicationForm siret={identity?.siret as string | undefined} onDone={() => setCreating(false)} />
            ) : (
              <Button variant="contained" onClick={() => setCreating(true)}>
                {translate('app.solteaEmployer.application.new')}
              </Button>
            )}
          </CardContent>
        </Card>
        {isPending && <CircularProgress />}
        {!isPending && !applications.length && <Alert severity="info">{translate('app.solteaEmployer.application.none')}</Alert>}
        {applications.map((a) => (
          <ApplicationCard key={a.id} application={a} />
        ))}
      </Stack>
    </Box>
  );
};
