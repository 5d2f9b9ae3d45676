import { PasswordInput, TextInput } from 'react-admin';
import { mandatory } from '../common/validation';
import { PublicApplication } from '../layout/PublicApplication';
import type { CandidacyInput } from '../types';
import { applyForCandidacy } from './candidacyCommands';

/**
 * Public page: a person applies to become an administrator of an already
 * registered company (« Candidat AD »). He confirms his e-mail first; then an
 * active administrator of the company decides, or a letter brings him a key.
 */
export const CandidacyApplyPage = () => (
  <PublicApplication<CandidacyInput>
    title="app.candidacy_apply.title"
    intro="app.candidacy_apply.intro"
    submitLabel="app.candidacy_apply.submit"
    sent="app.candidacy_apply.sent"
    send={applyForCandidacy}
    leading={
      <TextInput source="siret" label="app.candidacy_apply.fields.siret" helperText="app.candidacy_apply.siret_help" validate={mandatory} autoFocus />
    }
    trailing={
      <>
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
      </>
    }
  />
);
