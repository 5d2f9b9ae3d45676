import { ReferenceField, type ReferenceFieldProps } from 'react-admin';

/** The company a record belongs to, linked to its page. */
export const CompanyField = (props: Omit<ReferenceFieldProps, 'reference'>) => (
  <ReferenceField reference="companies" link="show" {...props} />
);
