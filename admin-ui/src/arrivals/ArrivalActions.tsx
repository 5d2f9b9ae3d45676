import { CancelProcessButton } from '../common/CancelProcessButton';
import { personName } from '../common/personName';
import { RedateButton } from '../common/RedateButton';
import type { Arrival } from '../types';
import { cancelArrival, changeStartDate } from './arrivalCommands';
import { isPendingArrival, mayChangeStartDate } from './arrivalRules';

/** Moves the start date of an arrival whose invitation has not left yet. */
export const ChangeStartDateButton = () => (
  <RedateButton<Arrival>
    label="app.arrivals.change_start_date"
    title="app.arrivals.change_start_date_title"
    content="app.arrivals.change_start_date_content"
    dateLabel="resources.arrivals.fields.startDate"
    done="app.arrivals.start_date_changed"
    dateOf={(arrival) => arrival.startDate}
    offered={mayChangeStartDate}
    run={changeStartDate}
  />
);

/** Cancels a waiting arrival: its pending account is removed, no right is granted. */
export const CancelArrivalButton = () => (
  <CancelProcessButton<Arrival>
    label="app.arrivals.cancel"
    title="app.arrivals.cancel_title"
    content="app.arrivals.cancel_content"
    done="app.arrivals.cancelled"
    nameOf={personName}
    offered={isPendingArrival}
    run={cancelArrival}
  />
);
