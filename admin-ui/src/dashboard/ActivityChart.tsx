import { useTheme } from '@mui/material';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useLocaleState, useTranslate } from 'react-admin';
import type { WorkflowStats } from '../types';

/** Processes started and completed per day over the last 30 days. */
export const ActivityChart = ({ perDay }: { perDay: WorkflowStats['perDay'] }) => {
  const translate = useTranslate();
  const theme = useTheme();
  const [locale] = useLocaleState();
  const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const data = perDay.map((d) => ({ ...d, label: day.format(new Date(d.day)) }));
  return (
    <ResponsiveContainer width="100%" height={260}>
      <BarChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="label" fontSize={12} />
        <YAxis allowDecimals={false} fontSize={12} />
        <Tooltip />
        <Legend />
        <Bar dataKey="started" name={translate('app.dashboard.started')} fill={theme.palette.primary.main} />
        <Bar dataKey="completed" name={translate('app.dashboard.completed')} fill={theme.palette.success.main} />
      </BarChart>
    </ResponsiveContainer>
  );
};
