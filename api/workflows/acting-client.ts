import { Client } from '@temporalio/client';
import type { Request } from 'express';
import { authOf } from '../auth/auth.middleware';

/** Clients kept per process (one per person who acted recently), the oldest dropped first. */
const KEPT = 500;
const clients = new WeakMap<Client, Map<string, Client>>();

/** How Temporal records a person acting from the console. */
export const consoleIdentity = (account: { id: string; firstName: string; lastName: string }) =>
  `${account.firstName} ${account.lastName} <${account.id}> (console)`;

/**
 * The Temporal client that acts as the signed-in person: what he sends
 * (cancel, terminate, updates, signals) is recorded in the workflow's
 * history under his identity, not the API process's. Each one shares the
 * process's single connection; building one opens nothing.
 */
export function actingTemporal(temporal: Client, req: Request): Client {
  return temporalActingAs(temporal, authOf(req).account);
}

/** The same, for a person known without a session (the holder of a mailed link). */
export function temporalActingAs(temporal: Client, account: { id: string; firstName: string; lastName: string }): Client {
  const identity = consoleIdentity(account);
  let byIdentity = clients.get(temporal);
  if (!byIdentity) clients.set(temporal, (byIdentity = new Map()));
  let client = byIdentity.get(identity);
  if (client) {
    byIdentity.delete(identity);
  } else {
    client = new Client({ connection: temporal.connection, namespace: temporal.options.namespace, identity });
    if (byIdentity.size >= KEPT) byIdentity.delete(byIdentity.keys().next().value!);
  }
  byIdentity.set(identity, client);
  return client;
}
