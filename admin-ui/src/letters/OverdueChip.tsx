import { Chip } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { Letter } from '../types';

/** A letter still waiting to be posted past the printing deadline. */
export const OverdueChip = () => {
  const letter = useRecordContext<Letter>();
  const translate = useTranslate();
  if (!letter?.overdue) return null;
  return <Chip size="small" color="error" label={translate('app.letters.overdue')} sx={{ ml: 1 }} />;
};
