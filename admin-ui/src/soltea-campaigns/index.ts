import CampaignIcon from '@mui/icons-material/EventNote';
import ApplicationIcon from '@mui/icons-material/School';
import { SolteaApplicationList } from './SolteaApplicationList';
import { SolteaCampaignList } from './SolteaCampaignList';
import { SolteaCampaignShow } from './SolteaCampaignShow';

/** Support's SOLTéA campaigns: the list, each campaign's page (timeline, moves, runs, chart). */
export const solteaCampaigns = { list: SolteaCampaignList, show: SolteaCampaignShow, icon: CampaignIcon, recordRepresentation: 'year' };

/** Support's review of the establishments' applications. */
export const solteaApplications = { list: SolteaApplicationList, icon: ApplicationIcon, recordRepresentation: 'name' };
