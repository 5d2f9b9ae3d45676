import type { ReactNode } from 'react';
import { CardContent, Typography } from '@mui/material';
import { AuthLayout, useTranslate } from 'react-admin';
import { LanguageMenu } from './LanguageMenu';

/** Frame of the pages reachable without a session (registration, confirmation), with their language menu. */
export const PublicPage = ({ title, children }: { title: string; children: ReactNode }) => {
  const translate = useTranslate();
  return (
    <AuthLayout sx={{ height: 'auto', pb: 4 }}>
      <LanguageMenu />
      <CardContent sx={{ width: { sm: 440 } }}>
        <Typography variant="h5" component="h1" gutterBottom>
          {translate(title)}
        </Typography>
        {children}
      </CardContent>
    </AuthLayout>
  );
};
