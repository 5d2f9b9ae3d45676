import { Link, Stack, Typography } from '@mui/material';
import { useFieldValue, type FieldProps } from 'react-admin';

const isWebAddress = (link: string) => /^https?:\/\//i.test(link);

/** The links a mail carries, followable from the console (e.g. a confirmation link). */
export const LinksField = ({ source }: FieldProps & { source: string }) => {
  const links: string[] = useFieldValue({ source, defaultValue: [] });
  return (
    <Stack spacing={0.5}>
      {links.map((link) =>
        isWebAddress(link) ? (
          <Link key={link} href={link} variant="body2" sx={{ wordBreak: 'break-all' }}>
            {link}
          </Link>
        ) : (
          <Typography key={link} variant="body2" sx={{ wordBreak: 'break-all' }}>
            {link}
          </Typography>
        ),
      )}
    </Stack>
  );
};
