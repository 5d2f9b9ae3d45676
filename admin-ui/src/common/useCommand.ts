import { useMutation } from '@tanstack/react-query';
import { useNotify, useRefresh } from 'react-admin';

interface CommandOptions<Args, Result> {
  /** Notified on success (translated); or a custom reaction to the server's answer. */
  onSuccess: string | ((result: Result, args: Args) => void);
}

/**
 * A process command sent from a button: waits for the server's answer, then
 * notifies it (the server's own message on a refusal, e.g. a workflow
 * validator's) and refreshes the view.
 */
export const useCommand = <Args, Result>(run: (args: Args) => Promise<Result>, { onSuccess }: CommandOptions<Args, Result>) => {
  const notify = useNotify();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: run,
    onSuccess: (result, args) => {
      if (typeof onSuccess === 'string') notify(onSuccess, { type: 'success' });
      else onSuccess(result, args);
      refresh();
    },
    onError: (error) => notify(error.message, { type: 'error', messageArgs: { _: error.message } }),
  });
};
