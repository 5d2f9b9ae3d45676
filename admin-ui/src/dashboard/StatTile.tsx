import { Card, CardActionArea, CardContent, Typography } from '@mui/material';
import type { ReactElement } from 'react';
import { Link } from 'react-router';
import { useTranslate } from 'react-admin';

interface StatTileProps {
  label: string;
  value: number;
  to: string;
  icon: ReactElement;
  alert?: boolean;
}

/** One figure of the home page; the whole tile opens the list it counts. */
export const StatTile = ({ label, value, to, icon, alert }: StatTileProps) => {
  const translate = useTranslate();
  return (
    <Card sx={{ minWidth: 200, flex: 1 }}>
      <CardActionArea component={Link} to={to} aria-label={translate(label)}>
        <CardContent>
          <Typography variant="overline" sx={{ display: 'flex', alignItems: 'center', gap: 1 }} color="text.secondary">
            {icon}
            {translate(label)}
          </Typography>
          <Typography variant="h4" component="p" color={alert && value > 0 ? 'error.main' : 'text.primary'}>
            {value}
          </Typography>
        </CardContent>
      </CardActionArea>
    </Card>
  );
};
