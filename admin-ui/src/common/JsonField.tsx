import { Box } from '@mui/material';
import type { ReactNode } from 'react';
import { useFieldValue, type FieldProps } from 'react-admin';

/** Text kept as written (JSON, a technical message), wrapped anywhere rather than widening the page. */
export const Preformatted = ({ children }: { children: ReactNode }) => (
  <Box
    component="pre"
    sx={{ m: 0, fontFamily: 'monospace', fontSize: '0.8125rem', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
  >
    {children}
  </Box>
);

/** A JSON value, indented, as a preformatted block. */
export const JsonField = ({ source }: FieldProps & { source: string }) => {
  const value: unknown = useFieldValue({ source });
  if (value == null) return null;
  return <Preformatted>{JSON.stringify(value, null, 2)}</Preformatted>;
};
