import type { Identifier } from 'react-admin';
import { useNotify, useTranslate } from 'react-admin';
import type { BulkResult } from '../types';

/**
 * Notifies the answer of a bulk action: how many succeeded, and each failure
 * with the server's message, named the way the list names its rows.
 */
export const useNotifyBulkResults = () => {
  const notify = useNotify();
  const translate = useTranslate();
  return (results: BulkResult[], nameOf: (id: Identifier) => string) => {
    const failures = results.filter((result) => !result.ok);
    const summary = translate('app.bulk.summary', { ok: results.length - failures.length, failed: failures.length });
    const details = failures.map((failure) => `${nameOf(failure.id)} : ${failure.message ?? failure.code ?? ''}`);
    const message = [summary, ...details].join('\n');
    notify(message, {
      type: failures.length === 0 ? 'success' : failures.length === results.length ? 'error' : 'warning',
      messageArgs: { _: message },
      multiLine: failures.length > 0,
    });
  };
};
