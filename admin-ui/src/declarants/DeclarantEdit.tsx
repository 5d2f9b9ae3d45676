import { Alert, Stack, Typography } from '@mui/material';
import { useRef, useState } from 'react';
import { Confirm, Edit, SaveButton, SimpleForm, TextInput, Toolbar, useGetIdentity, useRecordContext, useTranslate } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { mandatory } from '../common/validation';
import type { Declarant } from '../types';
import { addressChange, type AddressChange, type AddressRecord } from './pendingEmail';

/** What saving the address typed in does to `record` (as saved), in sentences; null while the address is unchanged. */
const useAddressChangeWarning = (record: AddressRecord | undefined): { change: AddressChange; sentences: string[] } | null => {
  const typed: string | undefined = useWatch({ name: 'email' });
  const { identity } = useGetIdentity();
  const translate = useTranslate();
  const change = addressChange(record, typed);
  if (!record || !change) return null;
  if (change.kind === 'replace') return { change, sentences: [translate('app.declarants.email_change_notice', { email: change.email })] };
  if (change.kind === 'withdraw') return { change, sentences: [translate('app.declarants.email_change_withdraw', { current: change.current, pending: change.pending })] };
  const sentences = [translate('app.declarants.email_change_pending', { email: change.email, current: change.current })];
  if (change.replacing) sentences.push(translate('app.declarants.email_change_replaces_pending', { pending: change.replacing }));
  if (record.role === 'ADMINISTRATOR' && record.adminStatus === 'ACTIVE') {
    sentences.push(translate(identity?.id === record.id ? 'app.declarants.email_change_stays_approver_self' : 'app.declarants.email_change_stays_approver'));
  }
  return { change, sentences };
};

const Sentences = ({ sentences }: { sentences: string[] }) => (
  <Stack spacing={1}>
    {sentences.map((sentence) => (
      <Typography key={sentence} variant="body2">
        {sentence}
      </Typography>
    ))}
  </Stack>
);

/** Says, as soon as the address differs from the saved one, what saving will do with it. */
const EmailChangeNotice = ({ record }: { record: AddressRecord | undefined }) => {
  const warning = useAddressChangeWarning(record);
  if (!warning) return null;
  return (
    <Alert severity={warning.change.kind === 'replace' ? 'info' : 'warning'} sx={{ mb: 2 }}>
      <Sentences sentences={warning.sentences} />
    </Alert>
  );
};

/**
 * Save, asking first when the form changes a confirmed address (it stays in
 * use until the new one is confirmed) or withdraws a pending change.
 */
const AddressSaveButton = ({ record }: { record: AddressRecord | undefined }) => {
  const warning = useAddressChangeWarning(record);
  const [asking, setAsking] = useState(false);
  const confirmed = useRef(false);
  const button = useRef<HTMLButtonElement>(null);
  const asks = warning != null && warning.change.kind !== 'replace';
  return (
    <>
      <SaveButton
        ref={button}
        onClick={(event) => {
          if (!asks || confirmed.current) {
            confirmed.current = false;
            return;
          }
          event.preventDefault();
          setAsking(true);
        }}
      />
      {asks && (
        <Confirm
          isOpen={asking}
          title={warning.change.kind === 'withdraw' ? 'app.declarants.email_change_withdraw_title' : 'app.declarants.email_change_confirm_title'}
          content={<Sentences sentences={warning.sentences} />}
          confirm="ra.action.save"
          onConfirm={() => {
            setAsking(false);
            confirmed.current = true;
            button.current?.click();
          }}
          onClose={() => setAsking(false)}
        />
      )}
    </>
  );
};

/**
 * The address field holds the address the account is moving to — the
 * pending one, if any (the API compares with it) —, so that saving a name
 * leaves a pending change as it is; the confirmed address typed in withdraws it.
 */
const DeclarantForm = () => {
  const record = useRecordContext<AddressRecord>();
  const translate = useTranslate();
  const values = record && { ...record, email: record.pendingEmail ?? record.email };
  return (
    <SimpleForm
      record={values}
      toolbar={
        <Toolbar>
          <AddressSaveButton record={record} />
        </Toolbar>
      }
    >
      <TextInput source="siret" readOnly />
      <TextInput source="lastName" validate={mandatory} />
      <TextInput source="firstName" validate={mandatory} />
      <TextInput
        source="email"
        type="email"
        validate={mandatory}
        helperText={record?.pendingEmail ? translate('app.declarants.pending_email_helper', { current: record.email }) : undefined}
      />
      <EmailChangeNotice record={record} />
    </SimpleForm>
  );
};

/** Name and e-mail only; the API answers field errors under the inputs. */
export const DeclarantEdit = () => (
  <Edit
    mutationMode="pessimistic"
    redirect="show"
    transform={({ lastName, firstName, email }: Declarant) => ({ lastName, firstName, email: email.trim() })}
  >
    <DeclarantForm />
  </Edit>
);
