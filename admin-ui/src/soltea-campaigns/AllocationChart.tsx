import { Box, Typography, useTheme } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useLocale, useTranslate } from 'react-admin';
import { getJson } from '../httpClient';

const WIDTH = 1000;
const HEIGHT = 200;
const LEFT = 48;
const BOTTOM = 24;

/** The share of all balances allocated, day by day (GET /api/soltea-campaigns/:year/allocation-progress), as a line from 0 to 100 %. */
export const AllocationChart = ({ year }: { year: number }) => {
  const theme = useTheme();
  const translate = useTranslate();
  const locale = useLocale();
  const { data } = useQuery({
    queryKey: ['soltea-allocation-progress', year],
    queryFn: () => getJson<{ day: string; shareAllocatedBp: number }[]>(`/soltea-campaigns/${year}/allocation-progress`),
  });
  if (!data) return null;
  if (!data.length) return <Typography variant="body2" color="text.secondary">{translate('app.solteaCampaigns.no_allocation_yet')}</Typography>;
  const x = (i: number) => LEFT + (data.length === 1 ? 0 : (i / (data.length - 1)) * (WIDTH - LEFT - 10));
  const y = (bp: number) => 10 + (1 - bp / 10_000) * (HEIGHT - BOTTOM - 10);
  const points = data.map((d, i) => `${x(i)},${y(d.shareAllocatedBp)}`).join(' ');
  const day = (d: string) => new Date(`${d}T12:00:00Z`).toLocaleDateString(locale === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'short' });
  const last = data[data.length - 1];
  return (
    <Box>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-label={translate('app.solteaCampaigns.chart')}>
        {[0, 2500, 5000, 7500, 10000].map((bp) => (
          <g key={bp}>
            <line x1={LEFT} x2={WIDTH - 10} y1={y(bp)} y2={y(bp)} stroke={theme.palette.divider} />
            <text x={LEFT - 6} y={y(bp) + 4} fontSize={11} textAnchor="end" fill={theme.palette.text.secondary}>{`${bp / 100} %`}</text>
          </g>
        ))}
        <polyline points={points} fill="none" stroke={theme.palette.primary.main} strokeWidth={2.5} />
        {data.map((d, i) => (
          <circle key={d.day} cx={x(i)} cy={y(d.shareAllocatedBp)} r={3} fill={theme.palette.primary.main}>
            <title>{`${day(d.day)} : ${(d.shareAllocatedBp / 100).toLocaleString(locale)} %`}</title>
          </circle>
        ))}
        <text x={LEFT} y={HEIGHT - 6} fontSize={11} fill={theme.palette.text.secondary}>{day(data[0].day)}</text>
        <text x={WIDTH - 10} y={HEIGHT - 6} fontSize={11} textAnchor="end" fill={theme.palette.text.secondary}>{day(last.day)}</text>
      </svg>
      <Typography variant="body2">{translate('app.solteaCampaigns.allocated_now', { share: (last.shareAllocatedBp / 100).toLocaleString(locale) })}</Typography>
    </Box>
  );
};
