import OverdueIcon from '@mui/icons-material/AlarmOn';
import RunningIcon from '@mui/icons-material/PlayCircle';
import { Alert, Card, CardContent, LinearProgress, List, ListItemButton, ListItemText, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslate } from 'react-admin';
import { apiUrl, httpClient } from '../httpClient';
import incidents from '../incidents';
import type { WorkflowStats } from '../types';
import { ActivityChart } from './ActivityChart';
import { filteredList } from './filteredList';
import { StatTile } from './StatTile';

const RUNNING = { status: 'RUNNING' };

/** The supervision figures of the home page (GET /api/workflows/stats), each leading to the list it counts. */
export const SupervisionStats = () => {
  const translate = useTranslate();
  const { data: stats, error } = useQuery({
    queryKey: ['workflows-stats'],
    queryFn: () => httpClient(`${apiUrl}/workflows/stats`).then(({ json }) => json as WorkflowStats),
  });
  if (error) return <Alert severity="error">{error.message}</Alert>;
  if (!stats) return <LinearProgress />;
  const label = (enumName: string, value: string | null) => (value ? translate(`app.enums.${enumName}.${value}`, { _: value }) : '—');
  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap' }} useFlexGap>
        <StatTile label="app.dashboard.running" value={stats.runningTotal} to={filteredList('workflows', RUNNING)} icon={<RunningIcon fontSize="small" />} />
        <StatTile label="app.dashboard.overdue" value={stats.overdue} to={filteredList('workflows', { overdue: true })} icon={<OverdueIcon fontSize="small" />} alert />
        <StatTile label="app.dashboard.incidents" value={stats.openIncidents} to={filteredList('incidents')} icon={<incidents.icon fontSize="small" />} alert />
      </Stack>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
        <Card sx={{ flex: 1 }}>
          <CardContent>
            <Typography variant="h6" component="h3">
              {translate('app.dashboard.by_type_and_phase')}
            </Typography>
            {stats.truncated && <Alert severity="info">{translate('app.dashboard.truncated')}</Alert>}
            {stats.running.length === 0 && (
              <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
                {translate('app.dashboard.nothing_running')}
              </Typography>
            )}
            <List dense>
              {stats.running.map((group) => (
                <ListItemButton
                  key={`${group.type}/${group.phase}`}
                  component={Link}
                  to={filteredList('workflows', { ...RUNNING, type: group.type, ...(group.phase ? { phase: group.phase } : {}) })}
                >
                  <ListItemText primary={label('workflowType', group.type)} secondary={label('workflowPhase', group.phase)} />
                  <Typography variant="h6" component="span">
                    {group.count}
                  </Typography>
                </ListItemButton>
              ))}
            </List>
          </CardContent>
        </Card>
        <Card sx={{ flex: 2 }}>
          <CardContent>
            <Typography variant="h6" component="h3">
              {translate('app.dashboard.per_day')}
            </Typography>
            <ActivityChart perDay={stats.perDay} />
          </CardContent>
        </Card>
      </Stack>
    </Stack>
  );
};
