import CancelIcon from '@mui/icons-material/Cancel';
import LockOpenIcon from '@mui/icons-material/LockOpen';
import LetterIcon from '@mui/icons-material/MarkunreadMailbox';
import SendIcon from '@mui/icons-material/Send';
import SwitchIcon from '@mui/icons-material/ForwardToInbox';
import { useState, type ReactElement } from 'react';
import { Button, useRecordContext } from 'react-admin';
import { ReasonDialog } from '../common/ReasonDialog';
import { useCommand } from '../common/useCommand';
import type { Candidacy } from '../types';
import { cancelCandidacy, requestLetter, resendCandidacyMail, switchToLetterRoute, unlockCandidacy } from './candidacyCommands';
import { CandidacyCommandButton } from './CandidacyCommandButton';
import { mayCancel, mayRequestLetter, mayResendMail, mayTakeLetterRoute, mayUnlock } from './candidacyRules';

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

interface ReasonCommandProps {
  /** i18n keys: the button's (and confirmation's) label, the dialog's title and content, the success notice. */
  keys: { label: string; title: string; content: string; done: string };
  icon: ReactElement;
  run: (id: Candidacy['id'], reason?: string) => Promise<unknown>;
  offered: (candidacy: Candidacy) => boolean;
  /** 0: the reason is optional. */
  minLength: number;
}

/** A command on the candidacy in context that asks for a reason first, shown only while it is offered. */
const ReasonCommandButton = ({ keys, icon, run, offered, minLength }: ReasonCommandProps) => {
  const candidacy = useRecordContext<Candidacy>();
  const [open, setOpen] = useState(false);
  const { mutate, isPending: sending } = useCommand(({ id, reason }: { id: Candidacy['id']; reason?: string }) => run(id, reason), {
    onSuccess: keys.done,
  });
  if (!candidacy || !offered(candidacy)) return null;
  return (
    <>
      <Button label={keys.label} onClick={() => setOpen(true)} disabled={sending}>
        {icon}
      </Button>
      {open && (
        <ReasonDialog
          open
          title={keys.title}
          content={keys.content}
          confirmLabel={keys.label}
          confirmIcon={icon}
          minLength={minLength}
          pending={sending}
          onConfirm={(reason) => mutate({ id: candidacy.id, reason: reason || undefined }, { onSuccess: () => setOpen(false) })}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
};

/** Support or the candidate, while the candidacy is pending or locked waiting for support: cancels it, with an optional reason. */
export const CancelCandidacyButton = () => (
  <ReasonCommandButton
    keys={{ label: 'app.candidacies.cancel', title: 'app.candidacies.cancel_title', content: 'app.candidacies.cancel_content', done: 'app.candidacies.cancelled' }}
    icon={<CancelIcon />}
    run={cancelCandidacy}
    offered={mayCancel}
    minLength={0}
  />
);

/** Support, on a candidacy locked by wrong keys and waiting for him: unlocks it, saying why (the candidate has his attempts again). */
export const UnlockCandidacyButton = () => (
  <ReasonCommandButton
    keys={{ label: 'app.candidacies.unlock', title: 'app.candidacies.unlock_title', content: 'app.candidacies.unlock_content', done: 'app.candidacies.unlocked' }}
    icon={<LockOpenIcon />}
    run={unlockCandidacy}
    offered={mayUnlock}
    minLength={1}
  />
);
