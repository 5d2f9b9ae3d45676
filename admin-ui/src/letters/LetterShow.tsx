import { Box } from '@mui/material';
import {
  NumberField,
  ReferenceField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { EnumField } from '../common/EnumField';
import type { Letter } from '../types';
import { DownloadLetterButton, MarkPostedButton } from './LetterButtons';
import { letterPdfUrl } from './letterCommands';
import { isPrintable } from './letterRules';
import { HeldChip } from './HeldChip';
import { OverdueChip } from './OverdueChip';

/** The letter as it will be printed, previewed by the browser's PDF viewer (the layout labels it); gone once posted. */
const PdfPreview = (_props: { label: string }) => {
  const letter = useRecordContext<Letter>();
  const translate = useTranslate();
  if (!letter || !isPrintable(letter)) return null;
  return (
    <Box
      component="iframe"
      src={letterPdfUrl(letter.id)}
      title={translate('app.letters.preview')}
      sx={{ width: '100%', height: 720, border: 1, borderColor: 'divider' }}
    />
  );
};

export const LetterShow = () => (
  <Show
    actions={
      <TopToolbar>
        <DownloadLetterButton />
        <MarkPostedButton />
      </TopToolbar>
    }
  >
    <SimpleShowLayout>
      <TextField source="companyName" />
      <TextField source="siret" />
      <TextField source="candidateName" />
      <TextField source="address" sx={{ whiteSpace: 'pre-line' }} />
      <HeldChip />
      <ReferenceField source="candidacyId" reference="candidacies" link="show" />
      <NumberField source="sequence" />
      <EnumField source="status" enumName="letterStatus" />
      <DateTimeField source="createdAt" />
      <DateTimeField source="postBy" />
      <OverdueChip />
      <DateTimeField source="postedAt" />
      <DateTimeField source="keyExpiresAt" />
      <PdfPreview label="app.letters.preview" />
    </SimpleShowLayout>
  </Show>
);
