import { useMemo, useState } from 'react';
import {
  Alert,
  Autocomplete,
  Chip,
  LinearProgress,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Tooltip,
  Typography,
} from '@mui/material';
import { Link, useCreatePath, useGetList, useTranslate } from 'react-admin';
import { useScreenPages } from '../common/useScreenPages';
import { toneOf } from '../enums';
import { useServiceCatalogue } from '../services/useServiceCatalogue';
import type { Declarant, HabilitationRights, Portfolio, PortfolioEstablishment } from '../types';
import { MatrixCellControl } from './MatrixCellControl';
import { RightsMenu } from './RightsMenu';
import { NO_RIGHTS, useMatrixHabilitations, type MatrixCell } from './useMatrixHabilitations';

const ALL = { page: 1, perPage: 1000 };
const ROWS_PER_PAGE = [10, 25, 50];

interface Row {
  declarant: Declarant;
  establishment: PortfolioEstablishment;
}

const nameOf = (declarant: Declarant) => `${declarant.lastName} ${declarant.firstName}`;

/**
 * Declarants × SIRETs of the portfolio (rows, paged: at most 50 rows × the
 * portfolio's services on screen), services as columns; filters narrow each axis.
 */
export const MatrixGrid = ({ portfolio }: { portfolio: Portfolio }) => {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const { byCode } = useServiceCatalogue();
  const declarantList = useGetList<Declarant>('declarants', {
    pagination: ALL,
    sort: { field: 'lastName', order: 'ASC' },
    filter: { companyId: portfolio.companyId },
  });
  const siretList = useGetList<PortfolioEstablishment>(`portfolios/${encodeURIComponent(String(portfolio.id))}/establishments`, {
    pagination: ALL,
    sort: { field: 'siret', order: 'ASC' },
  });
  const [declarantFilter, setDeclarantFilter] = useState<Declarant | null>(null);
  const [siretFilter, setSiretFilter] = useState('');
  const [serviceFilter, setServiceFilter] = useState('');
  const [menu, setMenu] = useState<{ anchor: HTMLElement; cell: MatrixCell } | null>(null);

  const declarants = useMemo(
    () => (declarantList.data ?? []).filter((d) => d.companyId === portfolio.companyId && d.status !== 'RADIATED'),
    [declarantList.data, portfolio.companyId],
  );
  const rowDeclarants = declarantFilter ? declarants.filter((d) => d.id === declarantFilter.id) : declarants;
  const establishments = useMemo(() => {
    const wanted = siretFilter.replace(/\s/g, '').toLowerCase();
    return (siretList.data ?? []).filter(
      (e) => !wanted || e.siret.includes(wanted) || (e.name ?? '').toLowerCase().includes(siretFilter.trim().toLowerCase()),
    );
  }, [siretList.data, siretFilter]);
  const services = serviceFilter ? [serviceFilter] : portfolio.serviceCodes;

  const total = rowDeclarants.length * establishments.length;
  const { start, end, toFirst, pager } = useScreenPages(total, ROWS_PER_PAGE);
  const rows: Row[] = [];
  for (let i = start; i < end; i++) {
    rows.push({
      declarant: rowDeclarants[Math.floor(i / establishments.length)],
      establishment: establishments[i % establishments.length],
    });
  }
  const accountIds = [...new Set(rows.map((row) => row.declarant.id))];
  const habilitations = useMatrixHabilitations(portfolio.id, accountIds);

  const filtered = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    toFirst();
  };
  const initials = {
    canDeclare: translate('app.matrix.initials.canDeclare'),
    canPay: translate('app.matrix.initials.canPay'),
    canConsult: translate('app.matrix.initials.canConsult'),
  };
  const grant = (cell: MatrixCell, granted: boolean) =>
    habilitations.setRights(cell, { canDeclare: granted, canPay: false, canConsult: granted });
  const toggle = (cell: MatrixCell, right: keyof HabilitationRights) => {
    const { rights } = habilitations.rightsAt(cell);
    void habilitations.setRights(cell, { ...rights, [right]: !rights[right] });
  };

  const loading = declarantList.isPending || siretList.isPending;
  const failure = declarantList.error ?? siretList.error ?? habilitations.error;
  const portfolioPage = createPath({ resource: 'portfolios', type: 'show', id: portfolio.id });

  if (loading) return <LinearProgress />;
  if (failure) return <Alert severity="error">{translate(failure.message, { _: failure.message })}</Alert>;
  if (portfolio.serviceCodes.length === 0 || (siretList.data ?? []).length === 0) {
    return (
      <Alert severity="info">
        {translate('app.matrix.empty_portfolio')} <Link to={portfolioPage}>{translate('app.matrix.open_portfolio')}</Link>
      </Alert>
    );
  }
  if (declarants.length === 0) {
    return (
      <Alert severity="info">
        {translate('app.matrix.no_declarant')}{' '}
        <Link to={createPath({ resource: 'declarants', type: 'create' })}>{translate('app.matrix.create_declarant')}</Link>
      </Alert>
    );
  }

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <Autocomplete
          size="small"
          sx={{ width: 320 }}
          options={declarants}
          value={declarantFilter}
          onChange={(_, value) => filtered(setDeclarantFilter)(value)}
          getOptionLabel={(d) => `${nameOf(d)} (${d.siret})`}
          isOptionEqualToValue={(a, b) => a.id === b.id}
          renderInput={(params) => <TextField {...params} label={translate('app.matrix.filters.declarant')} />}
        />
        <TextField
          size="small"
          fullWidth={false}
          sx={{ width: 220 }}
          label={translate('app.matrix.filters.siret')}
          value={siretFilter}
          onChange={(event) => filtered(setSiretFilter)(event.target.value)}
          slotProps={{ htmlInput: { autoComplete: 'off' } }}
        />
        <TextField
          select
          size="small"
          fullWidth={false}
          sx={{ width: 300 }}
          label={translate('app.matrix.filters.service')}
          value={serviceFilter}
          onChange={(event) => filtered(setServiceFilter)(event.target.value)}
        >
          <MenuItem value="">{translate('app.matrix.filters.all_services')}</MenuItem>
          {portfolio.serviceCodes.map((code) => (
            <MenuItem key={code} value={code}>
              {code} — {byCode.get(code)?.label ?? code}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
      <Typography variant="body2" color="text.secondary">
        {translate('app.matrix.legend')}
      </Typography>
      {total === 0 ? (
        <Alert severity="info">{translate('app.matrix.no_row')}</Alert>
      ) : (
        <>
          {habilitations.isPending && <LinearProgress />}
          <TableContainer>
            <Table size="small" stickyHeader>
              <TableHead>
                <TableRow>
                  <TableCell>{translate('app.matrix.columns.declarant')}</TableCell>
                  <TableCell>{translate('app.matrix.columns.siret')}</TableCell>
                  {services.map((code) => (
                    <TableCell key={code} align="center">
                      <Tooltip title={byCode.get(code)?.label ?? ''}>
                        <span>{code}</span>
                      </Tooltip>
                    </TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map(({ declarant, establishment }, index) => {
                  const firstOfDeclarant = index === 0 || rows[index - 1].declarant.id !== declarant.id;
                  return (
                    <TableRow key={`${declarant.id}|${establishment.siret}`} hover>
                      {firstOfDeclarant && (
                        <TableCell rowSpan={rows.filter((row) => row.declarant.id === declarant.id).length} sx={{ verticalAlign: 'top' }}>
                          <DeclarantLabel declarant={declarant} />
                        </TableCell>
                      )}
                      <TableCell>
                        <Typography variant="body2" sx={{ fontFamily: 'monospace' }}>
                          {establishment.siret}
                        </Typography>
                        {establishment.name && (
                          <Typography variant="caption" color="text.secondary">
                            {establishment.name}
                          </Typography>
                        )}
                      </TableCell>
                      {services.map((serviceCode) => {
                        const cell: MatrixCell = { accountId: declarant.id, siret: establishment.siret, serviceCode };
                        const { rights, saving } = habilitations.rightsAt(cell);
                        return (
                          <TableCell key={serviceCode} align="center" padding="none">
                            <MatrixCellControl
                              label={`${declarant.lastName} ${declarant.firstName} — ${establishment.siret} — ${serviceCode}`}
                              menuLabel={translate('app.matrix.rights_menu', {
                                service: serviceCode,
                                siret: establishment.siret,
                                name: nameOf(declarant),
                              })}
                              initials={initials}
                              rights={rights}
                              loading={habilitations.isPending}
                              saving={saving}
                              onChange={(granted) => grant(cell, granted)}
                              onOpenMenu={(anchor) => setMenu({ anchor, cell })}
                            />
                          </TableCell>
                        );
                      })}
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </TableContainer>
          {pager}
        </>
      )}
      <RightsMenu
        anchorEl={menu?.anchor ?? null}
        rights={menu ? habilitations.rightsAt(menu.cell).rights : NO_RIGHTS}
        onToggle={(right) => menu && toggle(menu.cell, right)}
        onClose={() => setMenu(null)}
      />
    </Stack>
  );
};

/** The row's declarant, with his role and status when they matter (administrator, awaiting confirmation…). */
const DeclarantLabel = ({ declarant }: { declarant: Declarant }) => {
  const translate = useTranslate();
  return (
    <Stack spacing={0.5} sx={{ alignItems: 'flex-start' }}>
      <Typography variant="body2">{nameOf(declarant)}</Typography>
      <Typography variant="caption" color="text.secondary">
        {declarant.siret}
      </Typography>
      {declarant.role !== 'DECLARANT' && <Chip size="small" label={translate(`app.enums.role.${declarant.role}`)} />}
      {declarant.status !== 'ACTIVE' && (
        <Chip size="small" color={toneOf(declarant.status)} label={translate(`app.enums.accountStatus.${declarant.status}`)} />
      )}
    </Stack>
  );
};
