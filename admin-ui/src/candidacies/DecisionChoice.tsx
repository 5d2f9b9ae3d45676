import AcceptIcon from '@mui/icons-material/CheckCircle';
import RefuseIcon from '@mui/icons-material/Block';
import { Button, Confirm } from 'react-admin';
import { ReasonDialog } from '../common/ReasonDialog';
import type { CandidacyDecision } from '../types';

interface DecisionChoiceProps {
  /** The decision whose dialog is open, if any (the caller closes it once the server answered). */
  asking: CandidacyDecision | undefined;
  onAsk: (decision: CandidacyDecision | undefined) => void;
  pending: boolean;
  acceptTitle: string;
  acceptContent: string;
  refuseTitle: string;
  translateOptions: Record<string, unknown>;
  onDecide: (decision: CandidacyDecision, reason?: string) => void;
}

/** Accept / Refuse buttons, the confirmation of an acceptance and the reason of a refusal: one candidacy or a selection. */
export const DecisionChoice = ({ asking, onAsk, pending, acceptTitle, acceptContent, refuseTitle, translateOptions, onDecide }: DecisionChoiceProps) => (
  <>
    <Button label="app.candidacies.accept" color="success" onClick={() => onAsk('ACCEPT')} disabled={pending}>
      <AcceptIcon />
    </Button>
    <Button label="app.candidacies.refuse" color="error" onClick={() => onAsk('REFUSE')} disabled={pending}>
      <RefuseIcon />
    </Button>
    <Confirm
      isOpen={asking === 'ACCEPT'}
      loading={pending}
      title={acceptTitle}
      content={acceptContent}
      translateOptions={translateOptions}
      confirm="app.candidacies.accept"
      onConfirm={() => onDecide('ACCEPT')}
      onClose={() => onAsk(undefined)}
    />
    {asking === 'REFUSE' && (
      <ReasonDialog
        open
        title={refuseTitle}
        content="app.candidacies.refuse_content"
        confirmLabel="app.candidacies.refuse"
        confirmIcon={<RefuseIcon />}
        minLength={1}
        pending={pending}
        onConfirm={(reason) => onDecide('REFUSE', reason)}
        onClose={() => onAsk(undefined)}
      />
    )}
  </>
);
