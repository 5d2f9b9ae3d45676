import SwapHorizIcon from '@mui/icons-material/SwapHoriz';
import { Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { useState } from 'react';
import { Button, Form, RadioButtonGroupInput, SaveButton, useRecordContext, useTranslate, type Identifier } from 'react-admin';
import { useWatch, type FieldValues } from 'react-hook-form';
import { personName } from '../common/personName';
import { useCommand } from '../common/useCommand';
import { enumChoices } from '../enums';
import type { Departure, DepartureTarget } from '../types';
import { retargetDeparture } from './departureCommands';
import { isPendingDeparture } from './departureRules';
import { ExistingTargetFields } from './ExistingTargetFields';

/** A new collaborator is not offered here: that is a new departure. */
const TARGET_MODES = enumChoices('departureRightsMode').filter((choice) => choice.id !== 'TRANSFER_NEW');

const TargetInputs = ({ companyId }: { companyId: Identifier }) => {
  const mode: DepartureTarget['mode'] = useWatch({ name: 'mode' });
  return (
    <>
      <RadioButtonGroupInput source="mode" label="resources.departures.fields.rightsMode" choices={TARGET_MODES} row={false} />
      <ExistingTargetFields mode={mode} source="toAccountId" companyId={companyId} />
    </>
  );
};

const toTarget = (values: FieldValues): DepartureTarget =>
  values.mode === 'REVOKE' ? { mode: 'REVOKE' } : { mode: 'TRANSFER', toAccountId: values.toAccountId };

/**
 * Sends the rights of a departure not applied yet elsewhere: to another
 * collaborator, or nowhere. The way out of a departure that waits for a
 * new collaborator who will not come.
 */
export const RetargetDepartureButton = () => {
  const translate = useTranslate();
  const departure = useRecordContext<Departure>();
  const [open, setOpen] = useState(false);
  const { mutate, isPending } = useCommand(({ id, target }: { id: Identifier; target: DepartureTarget }) => retargetDeparture(id, target), {
    onSuccess: 'app.departures.retargeted',
  });
  if (!departure || !isPendingDeparture(departure)) return null;
  const close = () => {
    if (!isPending) setOpen(false);
  };
  return (
    // Inside a list row, a click here (dialog included) must not open the row.
    <span onClick={(event) => event.stopPropagation()}>
      <Button label="app.departures.retarget" onClick={() => setOpen(true)} disabled={isPending}>
        <SwapHorizIcon />
      </Button>
      {open && (
        <Dialog open onClose={close} fullWidth maxWidth="sm">
          <Form
            record={{ mode: 'TRANSFER' }}
            onSubmit={(values: FieldValues) => mutate({ id: departure.id, target: toTarget(values) }, { onSuccess: () => setOpen(false) })}
          >
            <DialogTitle>{translate('app.departures.retarget_title')}</DialogTitle>
            <DialogContent>
              <DialogContentText sx={{ mb: 2 }}>{translate('app.departures.retarget_content', { name: personName(departure) })}</DialogContentText>
              <TargetInputs companyId={departure.companyId} />
            </DialogContent>
            <DialogActions>
              <Button label="ra.action.cancel" onClick={close} disabled={isPending} />
              <SaveButton label="app.departures.retarget_confirm" icon={<SwapHorizIcon />} disabled={isPending} alwaysEnable={!isPending} />
            </DialogActions>
          </Form>
        </Dialog>
      )}
    </span>
  );
};
