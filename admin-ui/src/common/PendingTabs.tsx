import { Tab, Tabs } from '@mui/material';
import { useListContext, useTranslate } from 'react-admin';
import { NoResults } from './NoResults';

/** The list filter of the « En attente » tab; the other tab is the history (filtered by status). */
export const PENDING_FILTER = { pending: true };

type PendingTab = 'pending' | 'history';

/** The filter a tab sets by itself. */
const tabFilter = (tab: PendingTab, historyStatuses: readonly string[]) =>
  tab === 'pending' ? PENDING_FILTER : { status: [...historyStatuses] };

/** Whether the list shows the « En attente » tab (its columns differ: dates to come and actions, or outcomes). */
export const usePendingTab = () => useListContext().filterValues.pending === true;

/**
 * Two tabs over a process list: the pending ones (with their dates and
 * actions), and the history of the others, narrowed by the status filter.
 */
export const PendingTabs = ({ historyStatuses }: { historyStatuses: readonly string[] }) => {
  const { filterValues, setFilters, displayedFilters } = useListContext();
  const translate = useTranslate();
  const pending = usePendingTab();
  const { pending: _pending, status: _status, ...others } = filterValues;
  return (
    <Tabs
      value={pending ? 'pending' : 'history'}
      onChange={(_, tab: PendingTab) => setFilters({ ...others, ...tabFilter(tab, historyStatuses) }, displayedFilters)}
    >
      <Tab value="pending" label={translate('app.processes.pending')} />
      <Tab value="history" label={translate('app.processes.history')} />
    </Tabs>
  );
};

/** The empty tab: the tab's own filter is not one the user set. */
export const PendingTabsNoResults = ({ historyStatuses }: { historyStatuses: readonly string[] }) => (
  <NoResults own={tabFilter(usePendingTab() ? 'pending' : 'history', historyStatuses)} />
);
