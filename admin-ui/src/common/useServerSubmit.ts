import { useState } from 'react';
import { HttpError } from 'react-admin';

/**
 * Submits a form to the API: on a refusal, the server's `message` is kept for
 * an alert above the form and its field `errors` are returned to react-admin's
 * `<Form>`, which shows each under its input.
 */
export const useServerSubmit = <Values>(send: (values: Values) => Promise<void>) => {
  const [failure, setFailure] = useState<string>();
  const [lastError, setLastError] = useState<HttpError>();
  const submit = async (values: Values) => {
    setFailure(undefined);
    setLastError(undefined);
    try {
      await send(values);
    } catch (error) {
      if (!(error instanceof HttpError)) {
        setFailure('ra.notification.http_error');
        return;
      }
      setFailure(error.message);
      setLastError(error);
      return error.body?.errors;
    }
  };
  return { submit, failure, lastError };
};
