import { Button } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useFormState } from 'react-hook-form';

/** Full-width submit button of a public form, busy (and disabled) while the form submits. */
export const SubmitButton = ({ label }: { label: string }) => {
  const { isSubmitting } = useFormState();
  const translate = useTranslate();
  return (
    <Button type="submit" variant="contained" fullWidth loading={isSubmitting}>
      {translate(label)}
    </Button>
  );
};
