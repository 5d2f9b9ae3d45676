import { Typography } from '@mui/material';
import { ReferenceField, useRecordContext, useResourceDefinitions, useTranslate, type FieldProps } from 'react-admin';
import type { AuditEvent } from '../types';

/** The console page of each kind of audited target, by the target's id. */
const TARGET_RESOURCES: Record<string, string> = {
  Account: 'accounts',
  ActivationLetter: 'letters',
  ApiKey: 'api-keys',
  Arrival: 'arrivals',
  Candidacy: 'candidacies',
  Company: 'companies',
  DeclarativeService: 'services',
  Departure: 'departures',
  Establishment: 'establishments',
  Portfolio: 'portfolios',
  Workflow: 'workflows',
};

/** What was done, in words (`app.audit.actions.<DOMAIN>.<WHAT>`); an action the console does not know yet, as coded. */
export const AuditActionField = (_props: FieldProps) => {
  const event = useRecordContext<AuditEvent>();
  const translate = useTranslate();
  if (!event) return null;
  return (
    <Typography component="span" variant="body2">
      {translate(`app.audit.actions.${event.action}`, { _: event.action })}
    </Typography>
  );
};

/** The kind of target, in words. */
export const AuditTargetTypeField = (_props: FieldProps) => {
  const event = useRecordContext<AuditEvent>();
  const translate = useTranslate();
  if (!event) return null;
  return (
    <Typography component="span" variant="body2">
      {translate(`app.audit.targets.${event.targetType}`, { _: event.targetType })}
    </Typography>
  );
};

/** The target by its name, linked to its page when the caller has one; else (no such page, or the target is gone) its id. */
export const AuditTargetField = (_props: FieldProps) => {
  const event = useRecordContext<AuditEvent>();
  const resources = useResourceDefinitions();
  if (!event) return null;
  const id = (
    <Typography component="span" variant="body2" sx={{ overflowWrap: 'anywhere' }}>
      {event.targetId}
    </Typography>
  );
  const resource = TARGET_RESOURCES[event.targetType];
  return resource && resources[resource] ? <ReferenceField source="targetId" reference={resource} link="show" empty={id} /> : id;
};
