import { Box } from '@mui/material';
import { useFieldValue, type FieldProps } from 'react-admin';

/** A JSON value, indented, as a preformatted block. */
export const JsonField = ({ source }: FieldProps & { source: string }) => {
  const value: unknown = useFieldValue({ source });
  if (value == null) return null;
  return (
    <Box
      component="pre"
      sx={{ m: 0, fontFamily: 'monospace', fontSize: '0.8125rem', whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
    >
      {JSON.stringify(value, null, 2)}
    </Box>
  );
};
