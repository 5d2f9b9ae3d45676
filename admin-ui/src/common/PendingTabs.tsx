import { Tab, Tabs } from '@mui/material';
import { useListContext, useTranslate } from 'react-admin';

/** The list filter of the « En attente » tab; the other tab is the history (filtered by status). */
export const PENDING_FILTER = { pending: true };

/**
 * Two tabs over a process list: the pending ones (with their dates and
 * actions), and the history of the others, narrowed by the status filter.
 */
export const PendingTabs = ({ historyStatuses }: { historyStatuses: readonly string[] }) => {
  const { filterValues, setFilters, displayedFilters } = useListContext();
  const translate = useTranslate();
  const pending = filterValues.pending === true;
  const { pending: _pending, status: _status, ...others } = filterValues;
  return (
    <Tabs
      value={pending ? 'pending' : 'history'}
      onChange={(_, tab) =>
        setFilters(tab === 'pending' ? { ...others, ...PENDING_FILTER } : { ...others, status: [...historyStatuses] }, displayedFilters)
      }
    >
      <Tab value="pending" label={translate('app.processes.pending')} />
      <Tab value="history" label={translate('app.processes.history')} />
    </Tabs>
  );
};
