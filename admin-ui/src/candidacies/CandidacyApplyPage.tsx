import { useState } from 'react';
import { Alert, Box, Button } from '@mui/material';
import { Form, Link, PasswordInput, TextInput, useTranslate } from 'react-admin';
import type { FieldValues } from 'react-hook-form';
import { SubmitButton } from '../common/SubmitButton';
import { useServerSubmit } from '../common/useServerSubmit';
import { mandatory, samePassword } from '../common/validation';
import { PublicPage } from '../layout/PublicPage';
import type { CandidacyInput } from '../types';
import { applyForCandidacy } from './candidacyCommands';

type CandidacyFormValues = CandidacyInput & { passwordConfirmation: string };

/**
 * Public page: a person applies to become an administrator of an already
 * registered company (« Candidat AD »). He confirms his e-mail first; then an
 * active administrator of the company decides, or a letter brings him a key.
 */
export const CandidacyApplyPage = () => {
  const translate = useTranslate();
  const [sentTo, setSentTo] = useState<string>();
  const { submit, failure } = useServerSubmit(
    async ({ passwordConfirmation: _confirmation, ...input }: CandidacyFormValues) => {
      await applyForCandidacy(input);
      setSentTo(input.email);
    },
  );

  return (
    <PublicPage title="app.candidacy_apply.title">
      {sentTo ? (
        <>
          <Alert severity="success" sx={{ mb: 2 }}>
            {translate('app.candidacy_apply.sent', { email: sentTo })}
          </Alert>
          <Button component={Link} to="/login" variant="contained" fullWidth>
            {translate('app.register.back_to_login')}
          </Button>
        </>
      ) : (
        <Form onSubmit={(values: FieldValues) => submit(values as CandidacyFormValues)} noValidate disableInvalidFormNotification>
          <Alert severity="info" sx={{ mb: 2 }}>
            {translate('app.candidacy_apply.intro')}
          </Alert>
          {failure && (
            <Alert severity="error" sx={{ mb: 2 }}>
              {translate(failure, { _: failure })}
            </Alert>
          )}
          <TextInput
            source="siret"
            label="app.candidacy_apply.fields.siret"
            helperText="app.candidacy_apply.siret_help"
            validate={mandatory}
            autoFocus
          />
          <TextInput source="lastName" label="app.register.fields.lastName" autoComplete="family-name" validate={mandatory} />
          <TextInput source="firstName" label="app.register.fields.firstName" autoComplete="given-name" validate={mandatory} />
          <TextInput source="email" label="app.register.fields.email" type="email" autoComplete="email" validate={mandatory} />
          <PasswordInput source="password" label="app.register.fields.password" autoComplete="new-password" validate={mandatory} />
          <PasswordInput
            source="passwordConfirmation"
            label="app.register.fields.passwordConfirmation"
            autoComplete="new-password"
            validate={[mandatory, samePassword]}
          />
          <TextInput
            source="secretQuestion"
            label="app.candidacy_apply.fields.secretQuestion"
            helperText="app.candidacy_apply.secret_question_help"
            validate={mandatory}
          />
          <PasswordInput
            source="secretAnswer"
            label="app.candidacy_apply.fields.secretAnswer"
            helperText="app.candidacy_apply.secret_answer_help"
            autoComplete="off"
            validate={mandatory}
          />
          <SubmitButton label="app.candidacy_apply.submit" />
          <Box sx={{ mt: 2, textAlign: 'center' }}>
            <Link to="/login">{translate('app.register.back_to_login')}</Link>
          </Box>
        </Form>
      )}
    </PublicPage>
  );
};
