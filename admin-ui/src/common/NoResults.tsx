import { CardContent, Typography } from '@mui/material';
import { Button, useGetResourceLabel, useListContext, useResourceContext, useTranslate } from 'react-admin';

type Filter = Record<string, unknown>;

const sameFilter = (a: Filter, b: Filter) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([key, value]) => JSON.stringify(value) === JSON.stringify(b[key]));

/**
 * An empty list that starts filtered (its default filter, its tabs): « no
 * result » while only the list's own filter `own` is on; « none with the
 * current filters », and a way back to `own`, once the user narrowed it.
 */
export const NoResults = ({ own }: { own: Filter }) => {
  const { filterValues, setFilters } = useListContext();
  const translate = useTranslate();
  const resource = useResourceContext();
  const getResourceLabel = useGetResourceLabel();
  const name = resource ? getResourceLabel(resource, 0) : '';
  const narrowed = !sameFilter(filterValues, own);
  return (
    <CardContent>
      <Typography variant="body2">
        {translate(narrowed ? 'ra.navigation.no_filtered_results' : 'ra.navigation.no_results', { name })}{' '}
        {narrowed && <Button onClick={() => setFilters(own, [])} label="ra.navigation.clear_filters" />}
      </Typography>
    </CardContent>
  );
};
