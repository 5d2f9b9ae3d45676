import CancelIcon from '@mui/icons-material/Cancel';
import LetterIcon from '@mui/icons-material/MarkunreadMailbox';
import SendIcon from '@mui/icons-material/Send';
import SwitchIcon from '@mui/icons-material/ForwardToInbox';
import { useState } from 'react';
import { Button, useRecordContext } from 'react-admin';
import { ReasonDialog } from '../common/ReasonDialog';
import { useCommand } from '../common/useCommand';
import type { Candidacy } from '../types';
import { cancelCandidacy, requestLetter, resendCandidacyMail, switchToLetterRoute } from './candidacyCommands';
import { CandidacyCommandButton } from './CandidacyCommandButton';
import { isPending, mayRequestLetter, mayResendMail, mayTakeLetterRoute } from './candidacyRules';

/** Support: sends again the mail of the current phase. */
export const ResendMailButton = () => (
  <CandidacyCommandButton
    label="app.candidacies.resend_mail"
    icon={<SendIcon />}
    run={resendCandidacyMail}
    done="app.candidacies.mail_resent"
    offered={mayResendMail}
  />
);

/** Support or the candidate: a new activation letter, which voids the previous key. */
export const RequestLetterButton = ({ label }: { label: string }) => (
  <CandidacyCommandButton
    label={label}
    icon={<LetterIcon />}
    run={requestLetter}
    done="app.candidacies.letter_requested"
    offered={mayRequestLetter}
  />
);

/** The candidate: leaves the approval route for the activation letter, once it is offered. */
export const LetterRouteButton = () => (
  <CandidacyCommandButton
    label="app.candidacies.take_letter_route"
    icon={<SwitchIcon />}
    run={switchToLetterRoute}
    done="app.candidacies.letter_route_taken"
    offered={mayTakeLetterRoute}
  />
);

/** Support or the candidate, while the candidacy is pending: cancels it, with an optional reason. */
export const CancelCandidacyButton = () => {
  const candidacy = useRecordContext<Candidacy>();
  const [open, setOpen] = useState(false);
  const { mutate, isPending: sending } = useCommand(
    ({ id, reason }: { id: Candidacy['id']; reason?: string }) => cancelCandidacy(id, reason),
    {
      onSuccess: 'app.candidacies.cancelled',
    },
  );
  if (!candidacy || !isPending(candidacy)) return null;
  return (
    <>
      <Button label="app.candidacies.cancel" onClick={() => setOpen(true)} disabled={sending}>
        <CancelIcon />
      </Button>
      {open && (
        <ReasonDialog
          open
          title="app.candidacies.cancel_title"
          content="app.candidacies.cancel_content"
          confirmLabel="app.candidacies.cancel"
          confirmIcon={<CancelIcon />}
          minLength={0}
          pending={sending}
          onConfirm={(reason) => mutate({ id: candidacy.id, reason: reason || undefined }, { onSuccess: () => setOpen(false) })}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
};
