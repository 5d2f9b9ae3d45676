import { CancelProcessButton } from '../common/CancelProcessButton';
import { personName } from '../common/personName';
import { RedateButton } from '../common/RedateButton';
import type { Departure } from '../types';
import { cancelDeparture, changeEffectiveDate } from './departureCommands';
import { isPendingDeparture, mayChangeEffectiveDate } from './departureRules';

/** Moves the effective date of a departure that is not applied yet. */
export const ChangeEffectiveDateButton = () => (
  <RedateButton<Departure>
    label="app.departures.change_effective_date"
    title="app.departures.change_effective_date_title"
    content="app.departures.change_effective_date_content"
    dateLabel="resources.departures.fields.effectiveDate"
    done="app.departures.effective_date_changed"
    dateOf={(departure) => departure.effectiveDate}
    offered={mayChangeEffectiveDate}
    run={changeEffectiveDate}
  />
);

/** Cancels a departure before it is applied: the account and its rights stay as they are. */
export const CancelDepartureButton = () => (
  <CancelProcessButton<Departure>
    label="app.departures.cancel"
    title="app.departures.cancel_title"
    content="app.departures.cancel_content"
    done="app.departures.cancelled"
    nameOf={personName}
    offered={isPendingDeparture}
    run={cancelDeparture}
  />
);
