import BackIcon from '@mui/icons-material/ArrowBack';
import NextIcon from '@mui/icons-material/ArrowForward';
import { Alert, Box, Button, Card, CardContent, Stack, Step, StepLabel, Stepper } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { Form, Title, useTranslate } from 'react-admin';
import { useFormContext, useFormState, type FieldValues } from 'react-hook-form';

export interface WizardStep {
  /** i18n key of the step's title. */
  label: string;
  /** Form paths filled on this step: a server error on one of them brings the user back here. */
  fields: string[];
  content: ReactNode;
}

interface WizardProps {
  title: string;
  steps: WizardStep[];
  submitLabel: string;
  /** The server's message after a refusal, shown above every step. */
  failure?: string;
  /** Shown above the last step's button (e.g. what the server asks for after a refusal). */
  footer?: ReactNode;
  defaultValues?: FieldValues;
  /** Sends the form; resolves with the server's field errors (keyed by dotted path) on a refusal. */
  onSubmit: (values: FieldValues) => Promise<Record<string, string> | undefined>;
}

/**
 * A short stepper over one react-admin form: « Suivant » validates the
 * inputs on screen only; the last step sends everything; a server field error
 * brings back the step holding that field, with the message under it.
 */
export const Wizard = ({ title, steps, submitLabel, failure, footer, defaultValues, onSubmit }: WizardProps) => {
  const translate = useTranslate();
  const [active, setActive] = useState(0);
  // Listed under the server's message too: a field of another step, or one without an input of its own, is not missed.
  const [fieldErrors, setFieldErrors] = useState<string[]>([]);
  const last = active === steps.length - 1;
  const stepOf = (errors: Record<string, string>) => {
    const keys = Object.keys(errors);
    const index = steps.findIndex((step) =>
      step.fields.some((field) => keys.some((key) => key === field || key.startsWith(`${field}.`))),
    );
    return index === -1 ? active : index;
  };
  const advance = async (values: FieldValues) => {
    if (!last) {
      setActive(active + 1);
      return undefined;
    }
    const errors = await onSubmit(values);
    setFieldErrors(Object.values(errors ?? {}));
    if (errors) setActive(stepOf(errors));
    return errors;
  };

  return (
    <Card sx={{ mt: 2 }}>
      <Title title={title} />
      <CardContent>
        <Stepper activeStep={active} sx={{ mb: 3 }}>
          {steps.map((step) => (
            <Step key={step.label}>
              <StepLabel>{translate(step.label)}</StepLabel>
            </Step>
          ))}
        </Stepper>
        <Form onSubmit={advance} defaultValues={defaultValues} noValidate disableInvalidFormNotification>
          <Stack spacing={2} sx={{ maxWidth: 960 }}>
            {failure && (
              <Alert severity="error">
                {translate(failure, { _: failure })}
                {fieldErrors.length > 0 && (
                  <Box component="ul" sx={{ m: 0, pl: 2 }}>
                    {fieldErrors.map((message) => (
                      <li key={message}>{translate(message, { _: message })}</li>
                    ))}
                  </Box>
                )}
              </Alert>
            )}
            <Box>{steps[active].content}</Box>
            {last && footer}
            <WizardButtons
              back={active > 0 ? () => setActive(active - 1) : undefined}
              label={last ? submitLabel : 'app.wizard.next'}
              last={last}
            />
          </Stack>
        </Form>
      </CardContent>
    </Card>
  );
};

/** « Précédent » and the submit button; stale server errors are dropped before the step is checked again. */
const WizardButtons = ({ back, label, last }: { back?: () => void; label: string; last: boolean }) => {
  const translate = useTranslate();
  const { clearErrors } = useFormContext();
  const { isSubmitting } = useFormState();
  return (
    <Stack direction="row" spacing={2}>
      <Button startIcon={<BackIcon />} onClick={back} disabled={!back || isSubmitting}>
        {translate('app.wizard.back')}
      </Button>
      <Button
        type="submit"
        variant="contained"
        endIcon={last ? undefined : <NextIcon />}
        loading={isSubmitting}
        onClick={() => clearErrors()}
      >
        {translate(label)}
      </Button>
    </Stack>
  );
};
