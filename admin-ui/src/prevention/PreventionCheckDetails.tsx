import { Alert, Box, Card, CardContent, Chip, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import {
  DataTable,
  Link,
  ListBase,
  Pagination,
  RecordContextProvider,
  useCreatePath,
  useLocale,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { EnumField } from '../common/EnumField';
import { toneOf } from '../enums';
import { dayText, instantText, quarterLabel } from './preventionFormat';
import type { CheckCounts, PreventionCheck, PreventionCheckEmployee } from './types';

/** The employees' resource: a check's, never listed on its own. */
const EMPLOYEES = 'prevention-check-employees';

/** Where « à vérifier » opens: the lines still to verify. */
const TO_VERIFY_LINK = `/prevention-learners?${new URLSearchParams({ filter: JSON.stringify({ status: 'PENDING_VERIFICATION' }) })}`;

const COUNTS: (keyof CheckCounts)[] = ['employees', 'withDeclaration', 'without', 'awaitingVerification'];

/** One count of the check, big, its label beneath. */
const Count = ({ name, value }: { name: keyof CheckCounts; value: number }) => {
  const translate = useTranslate();
  return (
    <Box sx={{ minWidth: 150 }}>
      <Typography variant="h5" component="div">
        {value}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {translate(`app.prevention.check.count.${name}`)}
      </Typography>
    </Box>
  );
};

/** Where the check stands: reminded, done (when), past its due day, cancelled. */
const StateLines = ({ check }: { check: PreventionCheck }) => {
  const translate = useTranslate();
  const locale = useLocale();
  const lines = [
    check.remindedAt && check.status === 'OPEN' ? translate('app.prevention.check.reminded', { at: instantText(check.remindedAt, locale) }) : null,
    check.status === 'DONE' && check.doneAt ? translate('app.prevention.check.done_at', { at: instantText(check.doneAt, locale) }) : null,
    check.status === 'NOT_DONE' ? translate('app.prevention.check.not_done') : null,
    check.status === 'CANCELLED' ? translate('app.prevention.check.cancelled') : null,
  ].filter((line): line is string => line !== null);
  return (
    <>
      {lines.map((line) => (
        <Typography key={line} variant="body2">
          {line}
        </Typography>
      ))}
    </>
  );
};

/** The employee's pseudonymous DSN id: what the relations name him by (never a NIR). */
const EmployeeIdCell = () => {
  const employee = useRecordContext<PreventionCheckEmployee>();
  return employee ? (
    <Box component="span" sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>
      {employee.employeeId}
    </Box>
  ) : null;
};

/** The lines of the year naming the employee: the learner's names and the training (its declaration's page), the quarter, the end, the line's status. */
const DeclarationsCell = () => {
  const employee = useRecordContext<PreventionCheckEmployee>();
  const translate = useTranslate();
  const locale = useLocale();
  const createPath = useCreatePath();
  if (!employee) return null;
  return (
    <Stack spacing={1}>
      {employee.declarations.map((d) => (
        <Box key={d.learnerId}>
          <Link to={createPath({ resource: 'prevention-declarations', type: 'show', id: d.declarationId })}>
            {translate('app.prevention.check.declaration', { name: `${d.birthName} ${d.firstNames}`, title: d.title })}
          </Link>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mt: 0.25 }}>
            <Typography variant="caption" color="text.secondary">
              {translate('app.prevention.check.declaration_detail', { quarter: quarterLabel(translate, d.quarter), end: dayText(d.trainingEnd, locale) })}
            </Typography>
            <RecordContextProvider value={d}>
              <EnumField source="status" enumName="preventionLearnerStatus" />
            </RecordContextProvider>
          </Stack>
        </Box>
      ))}
    </Stack>
  );
};

const Section = ({ title, help, children }: { title: string; help?: string; children: ReactNode }) => (
  <Card>
    <CardContent>
      <Typography variant="h6" component="h2" gutterBottom>
        {title}
      </Typography>
      {help && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {help}
        </Typography>
      )}
      {children}
    </CardContent>
  </Card>
);

const Empty = ({ text }: { text: string }) => (
  <Typography variant="body2" sx={{ py: 1 }}>
    {text}
  </Typography>
);

/** A page of the check's employees, with (`declared`) or without a declaration of the year, paged on the server. */
const Employees = ({ check, declared }: { check: PreventionCheck; declared: boolean }) => {
  const translate = useTranslate();
  return (
    <ListBase resource={EMPLOYEES} filter={{ checkId: check.id, declared }} perPage={25} disableSyncWithLocation storeKey={false}>
      <DataTable
        bulkActionButtons={false}
        rowClick={false}
        empty={<Empty text={translate(declared ? 'app.prevention.check.with_none' : 'app.prevention.check.without_none', { year: check.year })} />}
      >
        {/* A declared employee is named by his lines; his DSN id (the keyed pseudonym of his NIR) says nothing to people. */}
        {!declared && (
          <DataTable.Col source="employeeId" disableSort>
            <EmployeeIdCell />
          </DataTable.Col>
        )}
        <DataTable.Col source="employerSiret" disableSort />
        {declared && (
          <DataTable.Col source="declarations" disableSort>
            <DeclarationsCell />
          </DataTable.Col>
        )}
      </DataTable>
      <Pagination rowsPerPageOptions={[25, 50, 100]} />
    </ListBase>
  );
};

/**
 * An employer's yearly check: its year, status and due day, its counts, the
 * employees of the year without any declaration and those with (each line
 * naming them, its status), and the page's actions (« Vérification faite »).
 * The employer (`forEmployer`) is told what the check asks of him and led to
 * his lines still to verify.
 */
export const PreventionCheckDetails = ({ check, actions, forEmployer = false, heading }: { check: PreventionCheck; actions?: ReactNode; forEmployer?: boolean; heading?: ReactNode }) => {
  const translate = useTranslate();
  const locale = useLocale();
  const { counts } = check;
  return (
    <Stack spacing={2}>
      <Card>
        <CardContent>
          <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            <Typography variant="h6" component="h1">
              {translate('app.prevention.check.heading', { year: check.year })}
            </Typography>
            <Chip size="small" color={toneOf(check.status)} label={translate(`app.enums.preventionCheckStatus.${check.status}`, { _: check.status })} />
            {heading}
          </Stack>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {translate('app.prevention.check.subtitle', { siren: check.employerSiren, due: dayText(check.due, locale) })}
          </Typography>
          {forEmployer && (
            <Typography variant="body2" sx={{ mb: 1, maxWidth: 900 }}>
              {translate('app.prevention.check.intro')}
            </Typography>
          )}
          <StateLines check={check} />
          <Stack direction="row" spacing={4} useFlexGap sx={{ flexWrap: 'wrap', my: 2 }}>
            {COUNTS.map((name) => (
              <Count key={name} name={name} value={counts[name]} />
            ))}
          </Stack>
          {forEmployer && (
            <Typography variant="body2" sx={{ mb: 2 }}>
              {counts.awaitingVerification > 0 ? (
                <Link to={TO_VERIFY_LINK}>{translate('app.prevention.check.to_verify', { smart_count: counts.awaitingVerification })}</Link>
              ) : (
                translate('app.prevention.check.nothing_to_verify')
              )}
            </Typography>
          )}
          {actions}
        </CardContent>
      </Card>
      {counts.employees === 0 ? (
        <Alert severity="info">{translate('app.prevention.check.no_employee', { year: check.year })}</Alert>
      ) : (
        <>
          <Section title={translate('app.prevention.check.without_title', { year: check.year })} help={translate('app.prevention.check.without_help')}>
            <Employees check={check} declared={false} />
          </Section>
          <Section title={translate('app.prevention.check.with_title', { year: check.year })}>
            <Employees check={check} declared />
          </Section>
        </>
      )}
    </Stack>
  );
};
