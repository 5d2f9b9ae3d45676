import RemoveIcon from '@mui/icons-material/RemoveCircleOutlineOutlined';
import {
  Alert,
  Checkbox,
  FormHelperText,
  IconButton,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
} from '@mui/material';
import { useTranslate, type Identifier } from 'react-admin';
import { Controller, get, useFieldArray, useFormState } from 'react-hook-form';
import { RightsHeadCells } from '../common/RightsTable';
import { RIGHTS } from '../habilitations/RightsMenu';
import { useCompanyPortfolios } from '../portfolios/useCompanyPortfolios';
import { rightKey, type ArrivalFormValues } from './arrivalForm';
import { RightsPicker } from './RightsPicker';

const ITEMS = 'rights.items';

/** The server's messages about one item (its SIRET, service, rights…), one line each. */
const ItemErrors = ({ index }: { index: number }) => {
  const { errors } = useFormState({ name: `${ITEMS}.${index}` });
  const itemErrors: Record<string, { message?: string }> | undefined = get(errors, `${ITEMS}.${index}`);
  const translate = useTranslate();
  if (!itemErrors) return null;
  return (
    <>
      {Object.entries(itemErrors).map(([field, error]) => (
        <FormHelperText key={field} error>
          {translate(error?.message ?? '', { _: error?.message })}
        </FormHelperText>
      ))}
    </>
  );
};

/** An explicit list of rights, picked SIRETs × services from the company's portfolios; each line can be edited or removed. */
export const RightsListInput = ({ companyId }: { companyId?: Identifier }) => {
  const translate = useTranslate();
  const { portfolios, byId } = useCompanyPortfolios(companyId);
  const { fields, append, remove } = useFieldArray<ArrivalFormValues, 'rights.items'>({
    name: ITEMS,
    rules: { validate: (items) => items.length > 0 || translate('app.arrivals.no_item') },
  });
  const { errors } = useFormState({ name: ITEMS });
  const rootError = (get(errors, `${ITEMS}.root`) as { message?: string } | undefined)?.message;
  const known = new Set(fields.map(rightKey));

  return (
    <Stack spacing={2}>
      <RightsPicker portfolios={portfolios} onAdd={(items) => append(items.filter((item) => !known.has(rightKey(item))))} />
      {rootError && <Alert severity="warning">{rootError}</Alert>}
      {fields.length > 0 && (
        <Table size="small">
          <TableHead>
            <TableRow>
              <RightsHeadCells />
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {fields.map((item, index) => (
              <TableRow key={item.id}>
                <TableCell>{byId.get(String(item.portfolioId))?.name}</TableCell>
                <TableCell sx={{ fontFamily: 'monospace' }}>
                  {item.siret}
                  <ItemErrors index={index} />
                </TableCell>
                <TableCell>{item.serviceCode}</TableCell>
                {RIGHTS.map((right) => (
                  <TableCell key={right} align="center" padding="checkbox">
                    <Controller
                      name={`${ITEMS}.${index}.${right}`}
                      render={({ field }) => (
                        <Checkbox
                          checked={field.value === true}
                          onChange={(event) => field.onChange(event.target.checked)}
                          slotProps={{
                            input: { 'aria-label': `${item.siret} — ${item.serviceCode} — ${translate(`app.rights.${right}`)}` },
                          }}
                        />
                      )}
                    />
                  </TableCell>
                ))}
                <TableCell align="right">
                  <IconButton aria-label={translate('app.arrivals.picker.remove')} onClick={() => remove(index)}>
                    <RemoveIcon fontSize="small" />
                  </IconButton>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Stack>
  );
};
