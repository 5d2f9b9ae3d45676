import DeleteIcon from '@mui/icons-material/Delete';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  IconButton,
  Menu,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableFooter,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, Title, useDataProvider, useGetList, useLocaleState, useNotify, useTranslate } from 'react-admin';
import { useLocation, useParams } from 'react-router';
import { basisPoints, day, euros, parisDay, percent, splitCents } from './money';
import { createGroup, getAllocations, replicateLastYear, saveAllocations } from './solteaEmployerApi';
import { errorBody, useSolteaErrorText } from './solteaErrors';
import type { AllocationView, DroppedChoice, EligibleEstablishment, SolteaGroup } from './types';
import { EstablishmentSearch } from './EstablishmentSearch';

/** One line of the editor: an establishment and the percentage typed for it (kept as typed: « 33,33 »). */
interface Row {
  establishmentSiret: string;
  name: string | null;
  uai: string | null;
  city: string | null;
  text: string;
}

const currentYear = () => Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Paris', year: 'numeric' }).format(new Date()));

const rowsOf = (view: AllocationView, locale: string): Row[] =>
  view.allocations.map((a) => ({
    establishmentSiret: a.establishmentSiret,
    name: a.name,
    uai: a.uai,
    city: a.city,
    text: new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: 2, useGrouping: false }).format(a.percent),
  }));

/** The window as the employer reads it: open until…, or when the next period opens. */
const WindowAlert = ({ view }: { view: AllocationView }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { designation } = view;
  if (designation.open && designation.closesAt) {
    return (
      <Alert severity="info">
        {translate('app.solteaEmployer.editor.window_open', {
          period: translate(`app.solteaEmployer.periods.${designation.period}`),
          lastDay: parisDay(designation.closesAt, locale, true),
        })}
      </Alert>
    );
  }
  if (designation.next) {
    return (
      <Alert severity="warning" role="alert">
        {translate('app.solteaEmployer.errors.WINDOW_CLOSED', { opens: day(designation.next.opensOn, locale), lastDay: day(designation.next.lastDay, locale) })}
      </Alert>
    );
  }
  return (
    <Alert severity="warning" role="alert">
      {translate('app.solteaEmployer.errors.WINDOW_OVER')}
    </Alert>
  );
};

/** « Enregistrer comme groupe »: names the establishments chosen now. */
const SaveGroupDialog = ({ sirets, onClose }: { sirets: string[]; onClose: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const errorText = useSolteaErrorText();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [failure, setFailure] = useState<string>();
  const [saving, setSaving] = useState(false);
  const save = async () => {
    setSaving(true);
    setFailure(undefined);
    try {
      await createGroup(name.trim(), sirets);
      await queryClient.invalidateQueries({ queryKey: ['soltea-groups'] });
      notify('app.solteaEmployer.groups.saved', { type: 'success', messageArgs: { name: name.trim() } });
      onClose();
    } catch (error) {
      setFailure(errorText(error));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xs">
      <DialogTitle>{translate('app.solteaEmployer.groups.save_title')}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" sx={{ mb: 2 }}>
          {translate('app.solteaEmployer.groups.save_help', { smart_count: sirets.length })}
        </Typography>
        {failure && (
          <Alert severity="error" sx={{ mb: 2 }}>
            {failure}
          </Alert>
        )}
        <TextField autoFocus fullWidth label={translate('app.solteaEmployer.groups.name')} value={name} onChange={(e) => setName(e.target.value)} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button variant="contained" disabled={!name.trim() || saving} onClick={() => void save()}>
          {translate('ra.action.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};

/** « Ajouter un groupe »: the company's groups; picking one adds its establishments eligible this year. */
const AddGroupButton = ({ disabled, onPick }: { disabled: boolean; onPick: (group: SolteaGroup) => void }) => {
  const translate = useTranslate();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const { data: groups = [] } = useGetList<SolteaGroup>('soltea-groups', { pagination: { page: 1, perPage: 100 }, sort: { field: 'name', order: 'ASC' } });
  return (
    <>
      <Button variant="outlined" disabled={disabled || !groups.length} onClick={(e) => setAnchor(e.currentTarget)}>
        {translate('app.solteaEmployer.groups.add')}
      </Button>
      <Menu anchorEl={anchor} open={!!anchor} onClose={() => setAnchor(null)}>
        {groups.map((g) => (
          <MenuItem
            key={g.id}
            onClick={() => {
              setAnchor(null);
              onPick(g);
            }}
          >
            {translate('app.solteaEmployer.groups.option', { name: g.name, smart_count: g.establishmentSirets.length })}
          </MenuItem>
        ))}
      </Menu>
    </>
  );
};

/** The choices frozen at a transfer: shown, never edited. */
const FrozenTable = ({ view }: { view: AllocationView }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  return (
    <Table size="small" aria-label={translate('app.solteaEmployer.editor.choices')}>
      <TableHead>
        <TableRow>
          <TableCell>{translate('app.solteaEmployer.fields.establishment')}</TableCell>
          <TableCell>{translate('app.solteaEmployer.fields.uai')}</TableCell>
          <TableCell>{translate('app.solteaEmployer.fields.city')}</TableCell>
          <TableCell align="right">{translate('app.solteaEmployer.fields.percent')}</TableCell>
          <TableCell align="right">{translate('app.solteaEmployer.fields.amount')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {view.allocations.map((a) => (
          <TableRow key={a.establishmentSiret}>
            <TableCell>{a.name ?? a.establishmentSiret}</TableCell>
            <TableCell>{a.uai}</TableCell>
            <TableCell>{a.city}</TableCell>
            <TableCell align="right">{percent(a.percent, locale)}</TableCell>
            <TableCell align="right">{euros(a.amountCents, locale)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
      <TableFooter>
        <TableRow>
          <TableCell colSpan={3}>{translate('app.solteaEmployer.editor.total')}</TableCell>
          <TableCell align="right" data-testid="soltea-total">
            {percent(view.totalPercent, locale)}
          </TableCell>
          <TableCell align="right">{euros(view.balanceCents - view.unallocatedCents, locale)}</TableCell>
        </TableRow>
      </TableFooter>
    </Table>
  );
};

/**
 * An employer's allocations for a year: eligible establishments searched by
 * name, UAI or city, a percentage each (two decimals), the running total
 * (refused over 100 % before anything is sent), what each would receive;
 * saved whole (PUT), last year's choices taken again, groups saved and
 * added. Frozen choices are read-only; a closed window says when it opens.
 */
export const AllocationsEditorPage = () => {
  const { employerSiret = '' } = useParams();
  const { search } = useLocation();
  const year = Number(new URLSearchParams(search).get('year')) || currentYear();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const notify = useNotify();
  const errorText = useSolteaErrorText();
  const dataProvider = useDataProvider();
  const queryClient = useQueryClient();
  const queryKey = ['soltea-allocations', employerSiret, year];
  const { data: view, error, isPending } = useQuery({ queryKey, queryFn: () => getAllocations(employerSiret, year), retry: false });
  const [rows, setRows] = useState<Row[]>([]);
  const [failure, setFailure] = useState<string>();
  const [dropped, setDropped] = useState<DroppedChoice[]>();
  const [busy, setBusy] = useState(false);
  const [groupDialog, setGroupDialog] = useState(false);

  useEffect(() => {
    if (view) setRows(rowsOf(view, locale));
    // Only a new answer from the server resets what is typed (not a change of language).
  }, [view]);

  const shares = rows.map((r) => basisPoints(r.text));
  const totalBp = shares.reduce<number>((sum, bp) => sum + (bp ?? 0), 0);
  const invalid = shares.some((bp) => bp === null || bp <= 0 || bp > 10_000);
  const over = totalBp > 10_000;
  const amounts = splitCents(view?.balanceCents ?? 0, shares.map((bp) => bp ?? 0));

  if (isPending) return <CircularProgress sx={{ m: 4 }} />;
  if (error || !view) {
    return (
      <Box sx={{ mt: 2 }}>
        <Title title="app.solteaEmployer.editor.title" />
        <Alert severity="error">{errorText(error)}</Alert>
      </Box>
    );
  }

  const editable = view.designation.open && !view.frozen && view.balanceCents > 0;
  const answered = (next: AllocationView) => {
    queryClient.setQueryData(queryKey, next);
    void queryClient.invalidateQueries({ queryKey: ['soltea-balances'] });
  };

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setFailure(undefined);
    try {
      await action();
    } catch (err) {
      setFailure(errorText(err));
      const body = errorBody(err);
      if (body?.code === 'SOLTEA.NOTHING_TO_REPLICATE' && Array.isArray(body.dropped)) setDropped(body.dropped as DroppedChoice[]);
      if (body?.code === 'SOLTEA.CHOICES_FROZEN' || body?.code === 'SOLTEA.WINDOW_CLOSED') void queryClient.invalidateQueries({ queryKey });
    } finally {
      setBusy(false);
    }
  };

  const save = () =>
    run(async () => {
      setDropped(undefined);
      answered(await saveAllocations(employerSiret, year, rows.map((r, i) => ({ establishmentSiret: r.establishmentSiret, percent: shares[i]! / 100 }))));
      notify('app.solteaEmployer.editor.saved', { type: 'success' });
    });

  const replicate = () =>
    run(async () => {
      const answer = await replicateLastYear(employerSiret, year);
      setDropped(answer.dropped);
      answered(answer);
      notify('app.solteaEmployer.editor.replicated', { type: 'success' });
    });

  const add = (e: Pick<EligibleEstablishment, 'siret' | 'name' | 'uai' | 'city'>) =>
    setRows((current) => (current.some((r) => r.establishmentSiret === e.siret) ? current : [...current, { establishmentSiret: e.siret, name: e.name, uai: e.uai, city: e.city, text: '' }]));

  const addGroup = (group: SolteaGroup) =>
    run(async () => {
      const { data } = await dataProvider.getList<EligibleEstablishment>('soltea-establishments', {
        filter: { year, id: group.establishmentSirets },
        pagination: { page: 1, perPage: 100 },
        sort: { field: 'name', order: 'ASC' },
      });
      data.forEach(add);
      const missing = group.establishmentSirets.length - data.length;
      if (missing > 0) notify('app.solteaEmployer.groups.not_eligible', { type: 'warning', messageArgs: { smart_count: missing } });
    });

  return (
    <Box sx={{ mt: 2, mb: 4 }}>
      <Title title={translate('app.solteaEmployer.editor.heading', { name: view.employerName ?? view.employerSiret, year })} />
      <Stack spacing={2}>
        <Card>
          <CardContent>
            <Stack direction="row" spacing={4} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
              <Box>
                <Typography variant="h6" component="h1">
                  {view.employerName ?? view.employerSiret}
                </Typography>
                <Typography variant="body2" color="text.secondary">
                  {translate('app.solteaEmployer.editor.subtitle', { siret: view.employerSiret, year })}
                </Typography>
              </Box>
              <Box>
                <Typography variant="caption" color="text.secondary">
                  {translate('app.solteaEmployer.fields.balance')}
                </Typography>
                <Typography variant="h6">{euros(view.balanceCents, locale)}</Typography>
              </Box>
              {view.frozen && <Chip color="info" label={translate('app.solteaEmployer.editor.frozen_chip')} />}
              <Box sx={{ flexGrow: 1 }} />
              <Link to="/soltea-balances">{translate('app.solteaEmployer.editor.back')}</Link>
            </Stack>
          </CardContent>
        </Card>
        {view.frozen ? (
          <Alert severity="info" role="status">
            {translate('app.solteaEmployer.editor.frozen')}
          </Alert>
        ) : (
          <WindowAlert view={view} />
        )}
        {!view.frozen && view.balanceCents <= 0 && <Alert severity="warning">{translate('app.solteaEmployer.errors.NO_BALANCE')}</Alert>}
        {failure && (
          <Alert severity="error" role="alert">
            {failure}
          </Alert>
        )}
        {dropped && dropped.length > 0 && (
          <Alert severity="warning">
            {translate('app.solteaEmployer.editor.dropped', { smart_count: dropped.length })}
            <ul style={{ margin: '4px 0 0' }}>
              {dropped.map((d) => (
                <li key={d.establishmentSiret}>
                  {translate('app.solteaEmployer.editor.dropped_line', { name: d.name ?? d.establishmentSiret, siret: d.establishmentSiret, percent: percent(d.percent, locale) })}
                </li>
              ))}
            </ul>
          </Alert>
        )}
        {dropped && dropped.length === 0 && <Alert severity="success">{translate('app.solteaEmployer.editor.none_dropped')}</Alert>}
        <Card>
          <CardContent>
            {view.frozen ? (
              <FrozenTable view={view} />
            ) : (
              <>
                <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start', mb: 2 }}>
                  <EstablishmentSearch year={year} exclude={rows.map((r) => r.establishmentSiret)} onPick={add} disabled={!editable} />
                  <AddGroupButton disabled={!editable || busy} onPick={(g) => void addGroup(g)} />
                  <Button variant="outlined" disabled={!rows.length} onClick={() => setGroupDialog(true)}>
                    {translate('app.solteaEmployer.groups.save')}
                  </Button>
                </Stack>
                <Table size="small" aria-label={translate('app.solteaEmployer.editor.choices')}>
                  <TableHead>
                    <TableRow>
                      <TableCell>{translate('app.solteaEmployer.fields.establishment')}</TableCell>
                      <TableCell>{translate('app.solteaEmployer.fields.uai')}</TableCell>
                      <TableCell>{translate('app.solteaEmployer.fields.city')}</TableCell>
                      <TableCell sx={{ width: 150 }}>{translate('app.solteaEmployer.fields.percent')}</TableCell>
                      <TableCell align="right">{translate('app.solteaEmployer.fields.amount')}</TableCell>
                      <TableCell sx={{ width: 48 }} />
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {!rows.length && (
                      <TableRow>
                        <TableCell colSpan={6}>
                          <Typography variant="body2" color="text.secondary">
                            {translate('app.solteaEmployer.editor.empty')}
                          </Typography>
                        </TableCell>
                      </TableRow>
                    )}
                    {rows.map((r, i) => {
                      const bp = shares[i];
                      const wrong = r.text.trim() !== '' && (bp === null || bp <= 0 || bp > 10_000);
                      const label = r.name ?? r.establishmentSiret;
                      return (
                        <TableRow key={r.establishmentSiret}>
                          <TableCell>
                            {label}
                            <Typography variant="caption" color="text.secondary" component="div">
                              {r.establishmentSiret}
                            </Typography>
                          </TableCell>
                          <TableCell>{r.uai}</TableCell>
                          <TableCell>{r.city}</TableCell>
                          <TableCell>
                            <TextField
                              size="small"
                              value={r.text}
                              disabled={!editable}
                              error={wrong}
                              helperText={wrong ? translate('app.solteaEmployer.editor.percent_help') : undefined}
                              onChange={(e) => setRows((current) => current.map((x, j) => (j === i ? { ...x, text: e.target.value } : x)))}
                              slotProps={{ htmlInput: { inputMode: 'decimal', 'aria-label': translate('app.solteaEmployer.editor.percent_of', { name: label }) }, input: { endAdornment: '%' } }}
                              sx={{ width: 130 }}
                            />
                          </TableCell>
                          <TableCell align="right">{euros(amounts[i] ?? 0, locale)}</TableCell>
                          <TableCell>
                            <IconButton
                              size="small"
                              disabled={!editable}
                              aria-label={translate('app.solteaEmployer.editor.remove', { name: label })}
                              onClick={() => setRows((current) => current.filter((_x, j) => j !== i))}
                            >
                              <DeleteIcon fontSize="small" />
                            </IconButton>
                          </TableCell>
                        </TableRow>
                      );
                    })}
                  </TableBody>
                  <TableFooter>
                    <TableRow>
                      <TableCell colSpan={3}>{translate('app.solteaEmployer.editor.total')}</TableCell>
                      <TableCell data-testid="soltea-total" sx={{ color: over ? 'error.main' : undefined, fontWeight: 600 }}>
                        {percent(totalBp / 100, locale)}
                      </TableCell>
                      <TableCell align="right">{over ? '—' : euros(amounts.reduce((s, c) => s + c, 0), locale)}</TableCell>
                      <TableCell />
                    </TableRow>
                    <TableRow>
                      <TableCell colSpan={4}>{translate('app.solteaEmployer.editor.unallocated')}</TableCell>
                      <TableCell align="right">{over ? '—' : euros(view.balanceCents - amounts.reduce((s, c) => s + c, 0), locale)}</TableCell>
                      <TableCell />
                    </TableRow>
                  </TableFooter>
                </Table>
                {over && (
                  <Alert severity="error" sx={{ mt: 2 }}>
                    {translate('app.solteaEmployer.errors.TOTAL_OVER_100', { total: (totalBp / 100).toLocaleString(locale === 'en' ? 'en-GB' : 'fr-FR') })}
                  </Alert>
                )}
                <Stack direction="row" spacing={2} sx={{ mt: 2 }}>
                  <Button variant="contained" disabled={!editable || busy || over || invalid} onClick={() => void save()}>
                    {translate('app.solteaEmployer.editor.save')}
                  </Button>
                  <Button variant="outlined" disabled={!editable || busy} onClick={() => void replicate()}>
                    {translate('app.solteaEmployer.editor.replicate')}
                  </Button>
                </Stack>
              </>
            )}
          </CardContent>
        </Card>
      </Stack>
      {groupDialog && <SaveGroupDialog sirets={rows.map((r) => r.establishmentSiret)} onClose={() => setGroupDialog(false)} />}
    </Box>
  );
};
