import { ReferenceField, TextField, useFieldValue, type FieldProps } from 'react-admin';

const ACCOUNT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The account a process is about, by its name and linked to its page; a subject that is no account id (another system's process) as it is. */
export const SubjectAccountField = ({ source = 'subjectAccount' }: FieldProps) => {
  const value: string | null | undefined = useFieldValue({ source });
  if (!value) return null;
  return ACCOUNT_ID.test(value) ? <ReferenceField source={source} reference="accounts" link="show" /> : <TextField source={source} />;
};
