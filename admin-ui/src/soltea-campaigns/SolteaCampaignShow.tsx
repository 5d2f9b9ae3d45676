import { Card, CardContent, Grid, Stack, Typography } from '@mui/material';
import { Show, TopToolbar, useLocale, useRecordContext, useTranslate } from 'react-admin';
import { EnumField } from '../common/EnumField';
import { AllocationChart } from './AllocationChart';
import { BalancesImportButton } from './BalancesImportButton';
import { CampaignRuns } from './CampaignRuns';
import { CampaignTimeline } from './CampaignTimeline';
import { MoveMilestonesButton } from './MoveMilestonesButton';
import { stepLabel } from './stepLabel';
import type { Campaign } from './types';

const Section = ({ title, children }: { title: string; children: React.ReactNode }) => {
  const translate = useTranslate();
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="h6" gutterBottom>{translate(title)}</Typography>
        {children}
      </CardContent>
    </Card>
  );
};

/** Where the campaign stands: status, milestone reached, next step, the counts of its status query. */
const Summary = () => {
  const campaign = useRecordContext<Campaign>();
  const translate = useTranslate();
  const locale = useLocale();
  if (!campaign) return null;
  const next = campaign.live?.next ?? (campaign.nextStep && campaign.nextStepAt ? { key: campaign.nextStep, at: campaign.nextStepAt } : null);
  const counts = campaign.live?.counts;
  return (
    <Stack direction="row" spacing={4} sx={{ flexWrap: 'wrap', alignItems: 'center' }} useFlexGap>
      <EnumField source="status" enumName="solteaCampaignStatus" />
      <Typography>{translate('app.solteaCampaigns.reached', { phase: translate(`app.enums.workflowPhase.${campaign.phase}`, { _: campaign.phase }) })}</Typography>
      {next && (
        <Typography>
          {translate('app.solteaCampaigns.next_step', {
            step: stepLabel(translate, next.key),
            date: new Date(next.at).toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' }),
          })}
        </Typography>
      )}
      {counts && (
        <Typography color="text.secondary">
          {translate('app.solteaCampaigns.counts', {
            eligible: counts.establishmentsEligible,
            employers: counts.employersWithBalance,
            share: (counts.shareAllocatedBp / 100).toLocaleString(locale),
            reminders: counts.remindersSent,
          })}
        </Typography>
      )}
    </Stack>
  );
};

/** Each move of milestones: when, by whom, why, under which text, before → after. */
const Moves = () => {
  const campaign = useRecordContext<Campaign>();
  const translate = useTranslate();
  const locale = useLocale();
  const moves = campaign?.moves ?? [];
  if (!moves.length) return <Typography variant="body2" color="text.secondary">{translate('app.solteaCampaigns.no_move')}</Typography>;
  const day = (d: string) => new Date(`${d}T12:00:00Z`).toLocaleDateString(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long' });
  return (
    <Stack spacing={1.5}>
      {[...moves].reverse().map((move) => (
        <div key={move.version}>
          <Typography variant="body2" sx={{ fontWeight: 600 }}>
            {translate('app.solteaCampaigns.move_line', {
              at: new Date(move.at).toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' }),
              legalReference: move.legalReference,
            })}
          </Typography>
          {move.moves.map((m) => (
            <Typography key={m.milestone} variant="body2">
              {stepLabel(translate, m.milestone)} : {day(m.from)} → {day(m.to)}
            </Typography>
          ))}
          <Typography variant="body2" color="text.secondary">{translate('app.solteaCampaigns.move_reason', { reason: move.reason })}</Typography>
        </div>
      ))}
    </Stack>
  );
};

const CampaignPage = () => {
  const campaign = useRecordContext<Campaign>();
  if (!campaign) return null;
  return (
    <Stack spacing={2} sx={{ p: 2 }}>
      <Summary />
      <Section title="app.solteaCampaigns.timeline">
        <CampaignTimeline campaign={campaign} />
      </Section>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 7 }}>
          <Section title="app.solteaCampaigns.chart">
            <AllocationChart year={campaign.year} />
          </Section>
        </Grid>
        <Grid size={{ xs: 12, md: 5 }}>
          <Section title="app.solteaCampaigns.moves">
            <Moves />
          </Section>
        </Grid>
      </Grid>
      <Section title="app.solteaCampaigns.runs">
        <CampaignRuns runs={campaign.runs ?? []} />
      </Section>
    </Stack>
  );
};

/** A campaign's page for support: its timeline, moves, allocation over time and run reports; move milestones, import balances. */
export const SolteaCampaignShow = () => (
  <Show
    actions={
      <TopToolbar>
        <MoveMilestonesButton />
        <BalancesImportButton />
      </TopToolbar>
    }
  >
    <CampaignPage />
  </Show>
);
