import { Chip, Tooltip } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { Letter } from '../types';

/** A letter held back: the company has no head-office address to send it to. */
export const HeldChip = () => {
  const letter = useRecordContext<Letter>();
  const translate = useTranslate();
  if (!letter?.held) return null;
  return (
    <Tooltip title={translate('app.letters.held_hint')}>
      <Chip size="small" color="warning" label={translate('app.letters.held')} />
    </Tooltip>
  );
};
