import { Card, CardContent, Stack, Typography } from '@mui/material';
import {
  Labeled,
  ListButton,
  RecordContextProvider,
  TextField,
  Title,
  useGetIdentity,
  useGetResourceLabel,
  useTranslate,
} from 'react-admin';
import { EnumField } from '../common/EnumField';
import registrations from '../registrations';
import outbox from '../outbox';
import { SupervisionStats } from './SupervisionStats';

const supervision = [
  { name: 'registrations', Icon: registrations.icon },
  { name: 'outbox', Icon: outbox.icon },
];

/** Console home: who is logged in; for support and administrators, the supervision figures (in their scope). */
export const Dashboard = () => {
  const { identity } = useGetIdentity();
  const translate = useTranslate();
  const getResourceLabel = useGetResourceLabel();
  if (!identity) return null;
  const staff = identity.role === 'SUPPORT' || identity.role === 'ADMINISTRATOR';
  return (
    <>
      <Card sx={{ mt: 2 }}>
        <Title title="app.dashboard.title" />
        <CardContent>
          <Typography variant="h5" component="h2" gutterBottom>
            {translate('app.dashboard.welcome', { name: identity.fullName })}
          </Typography>
          <RecordContextProvider value={identity}>
            <Stack direction="row" spacing={4} sx={{ flexWrap: 'wrap' }}>
              <Labeled label="app.dashboard.role">
                <EnumField source="role" enumName="role" />
              </Labeled>
              <Labeled label="app.dashboard.company">
                <TextField source="companyName" />
              </Labeled>
              <Labeled label="resources.companies.fields.siren">
                <TextField source="companySiren" />
              </Labeled>
              <Labeled label="app.dashboard.siret">
                <TextField source="siret" />
              </Labeled>
            </Stack>
          </RecordContextProvider>
          {identity.role === 'SUPPORT' && (
            <>
              <Typography variant="h6" component="h3" sx={{ mt: 3, mb: 1 }}>
                {translate('app.dashboard.supervision')}
              </Typography>
              <Stack direction="row" spacing={2}>
                {supervision.map(({ name, Icon }) => (
                  <ListButton
                    key={name}
                    resource={name}
                    label={getResourceLabel(name, 2)}
                    icon={<Icon />}
                    variant="outlined"
                  />
                ))}
              </Stack>
            </>
          )}
        </CardContent>
      </Card>
      {staff && <SupervisionStats />}
    </>
  );
};
