import { Box, Stack, Typography, useTheme } from '@mui/material';
import { useLocale, useTranslate } from 'react-admin';
import { stepLabel } from './stepLabel';
import { reminderOf, type Campaign, type Milestone } from './types';

const WIDTH = 1000;
const HEIGHT = 120;
const AXIS = 70;
const PAD = 24;

/**
 * The campaign on a time axis: each milestone a dot (filled once reached,
 * ringed when it comes next), each reminder a tick, months along the axis,
 * today as a line; the milestones moved carry their former place as a
 * hollow mark. Under it, the same in words.
 */
export const CampaignTimeline = ({ campaign }: { campaign: Campaign }) => {
  const theme = useTheme();
  const translate = useTranslate();
  const locale = useLocale();
  if (!campaign.calendar) return null;
  const steps = (campaign.steps ?? []).map((s) => ({ key: s.key, at: Date.parse(s.at), milestone: s.milestone !== null }));
  if (!steps.length) return null;
  const fired = new Set(campaign.live?.fired ?? (campaign.status === 'RUNNING' ? (campaign.runs ?? []).map((r) => r.step) : steps.map((s) => s.key)));
  const next = campaign.live?.next?.key ?? campaign.nextStep;
  const first = steps[0].at;
  const last = steps[steps.length - 1].at;
  const x = (t: number) => PAD + ((t - first) / Math.max(1, last - first)) * (WIDTH - 2 * PAD);
  const months: number[] = [];
  for (let d = new Date(first); d.getTime() <= last; d = new Date(d.getFullYear(), d.getMonth() + 1, 1)) months.push(new Date(d.getFullYear(), d.getMonth(), 1).getTime());
  const movedFrom = new Map<string, string>();
  for (const move of campaign.moves ?? []) for (const m of move.moves) if (!movedFrom.has(m.milestone)) movedFrom.set(m.milestone, m.from);
  const day = (t: number | string) => new Date(t).toLocaleDateString(locale === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Europe/Paris' });
  const dateOf = (key: string) => (campaign.calendar!.milestones[key as Milestone]?.date ?? null);
  const now = Date.now();
  const color = (key: string) => (fired.has(key) ? theme.palette.primary.main : key === next ? theme.palette.warning.main : theme.palette.grey[400]);

  return (
    <Box>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-label={translate('app.solteaCampaigns.timeline')}>
        <line x1={PAD} x2={WIDTH - PAD} y1={AXIS} y2={AXIS} stroke={theme.palette.divider} strokeWidth={2} />
        {months.filter((m) => m >= first).map((m) => (
          <g key={m}>
            <line x1={x(m)} x2={x(m)} y1={AXIS - 4} y2={AXIS + 4} stroke={theme.palette.text.secondary} />
            <text x={x(m)} y={AXIS + 20} fontSize={11} textAnchor="middle" fill={theme.palette.text.secondary}>
              {new Date(m).toLocaleDateString(locale === 'fr' ? 'fr-FR' : 'en-GB', { month: 'short' })}
            </text>
          </g>
        ))}
        {now > first && now < last && <line x1={x(now)} x2={x(now)} y1={10} y2={AXIS + 8} stroke={theme.palette.error.main} strokeDasharray="4 3" />}
        {[...movedFrom.entries()].map(([milestone, from]) => {
          const was = Date.parse(`${from}T12:00:00Z`);
          return <circle key={`was-${milestone}`} cx={x(was)} cy={AXIS} r={6} fill="none" stroke={theme.palette.grey[500]} strokeDasharray="2 2" />;
        })}
        {steps.map((s, i) =>
          s.milestone ? (
            <g key={s.key}>
              <title>{`${stepLabel(translate, s.key)} — ${day(s.at)}`}</title>
              <circle cx={x(s.at)} cy={AXIS} r={s.key === next ? 9 : 7} fill={fired.has(s.key) ? color(s.key) : theme.palette.background.paper} stroke={color(s.key)} strokeWidth={3} />
              <text x={x(s.at)} y={i % 2 ? AXIS - 18 : AXIS - 32} fontSize={11} textAnchor="middle" fill={theme.palette.text.primary}>
                {translate(`app.solteaCampaigns.milestone_short.${s.key}`, { _: s.key })}
              </text>
            </g>
          ) : (
            <g key={s.key}>
              <title>{`${stepLabel(translate, s.key)} — ${day(s.at)}`}</title>
              <rect x={x(s.at) - 2} y={AXIS - 8} width={4} height={16} fill={color(s.key)} />
            </g>
          ),
        )}
      </svg>
      <Stack component="ol" sx={{ m: 0, pl: 3, columns: 2, columnGap: 4 }}>
        {steps.map((s) => (
          <Typography component="li" key={s.key} variant="body2" sx={{ color: fired.has(s.key) ? 'text.primary' : 'text.secondary', fontWeight: s.key === next ? 600 : 400, breakInside: 'avoid' }}>
            {stepLabel(translate, s.key)} — {dateOf(s.key) && !reminderOf(s.key) ? day(`${dateOf(s.key)}T12:00:00Z`) : day(s.at)}
            {fired.has(s.key) ? ` · ${translate('app.solteaCampaigns.done')}` : s.key === next ? ` · ${translate('app.solteaCampaigns.next')}` : ''}
            {movedFrom.has(s.key) ? ` · ${translate('app.solteaCampaigns.moved_from', { date: day(`${movedFrom.get(s.key)}T12:00:00Z`) })}` : ''}
          </Typography>
        ))}
      </Stack>
    </Box>
  );
};
