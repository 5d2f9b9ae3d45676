import type { ReactElement } from 'react';
import { Button, useRecordContext } from 'react-admin';
import { useCommand } from '../common/useCommand';
import type { Candidacy } from '../types';

interface CandidacyCommandButtonProps {
  label: string;
  icon: ReactElement;
  /** Sends the command for the candidacy in context. */
  run: (id: Candidacy['id']) => Promise<unknown>;
  /** Notified once the server accepted it. */
  done: string;
  /** Whether the command is offered in the candidacy's current state. */
  offered: (candidacy: Candidacy) => boolean;
}

/** A one-click command on the candidacy in context, shown only while it is offered. */
export const CandidacyCommandButton = ({ label, icon, run, done, offered }: CandidacyCommandButtonProps) => {
  const candidacy = useRecordContext<Candidacy>();
  const { mutate, isPending } = useCommand(run, { onSuccess: done });
  if (!candidacy || !offered(candidacy)) return null;
  return (
    <Button label={label} onClick={() => mutate(candidacy.id)} disabled={isPending}>
      {icon}
    </Button>
  );
};
