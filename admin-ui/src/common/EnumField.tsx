import { Chip } from '@mui/material';
import { useFieldValue, useTranslate, type FieldProps } from 'react-admin';
import { toneOf, type EnumName } from '../enums';

interface EnumFieldProps extends FieldProps {
  source: string;
  enumName: EnumName;
}

/** An enumeration value as a coloured chip with its translated label, on two lines if its column is narrow. */
export const EnumField = ({ source, enumName }: EnumFieldProps) => {
  const value: string | null | undefined = useFieldValue({ source });
  const translate = useTranslate();
  if (value == null) return null;
  return (
    <Chip
      size="small"
      color={toneOf(value)}
      label={translate(`app.enums.${enumName}.${value}`, { _: value })}
      sx={{ height: 'auto', minHeight: 24, '& .MuiChip-label': { whiteSpace: 'normal', py: 0.25 } }}
    />
  );
};
