import { Client } from 'pg';
import type { Logger } from './logger';

export interface NotificationHandlers {
  /** LISTEN is in place: every notification committed from now on will arrive. */
  onListening(): void;
  /** The connection is lost: notifications may be missed until onListening again. */
  onLost(): void;
  onNotification(payload: string): void;
}

export interface Listener {
  close(): Promise<void>;
}

const RETRY_MS = [100, 500, 1000, 2000, 5000];

/**
 * A dedicated PostgreSQL connection listening on one channel, reconnected
 * with a growing pause when it drops. Resolves once listening for the first
 * time, or rejects if the first connection fails.
 */
export async function listenToChannel(databaseUrl: string, channel: string, handlers: NotificationHandlers, logger: Logger): Promise<Listener> {
  let closed = false;
  let client: Client | undefined;
  let failures = 0;

  async function connect(): Promise<void> {
    const next = new Client({ connectionString: databaseUrl, application_name: `listen ${channel}` });
    next.on('notification', (message) => {
      if (message.channel === channel) handlers.onNotification(message.payload ?? '');
    });
    next.on('error', (err) => lost(next, err));
    next.on('end', () => lost(next));
    try {
      await next.connect();
      await next.query(`listen ${channel}`);
    } catch (err) {
      await next.end().catch(() => undefined);
      throw err;
    }
    client = next;
    failures = 0;
    handlers.onListening();
  }

  function lost(which: Client, err?: Error): void {
    if (client !== which) return;
    client = undefined;
    handlers.onLost();
    which.end().catch(() => undefined);
    if (!closed) {
      logger.warn({ err, channel }, 'notification listener lost; reconnecting');
      reconnect();
    }
  }

  function reconnect(): void {
    const pause = RETRY_MS[Math.min(failures++, RETRY_MS.length - 1)];
    setTimeout(() => {
      if (closed) return;
      connect().catch((err: Error) => {
        logger.warn({ err, channel }, 'notification listener could not reconnect');
        reconnect();
      });
    }, pause).unref();
  }

  await connect();
  return {
    async close() {
      closed = true;
      const current = client;
      client = undefined;
      await current?.end();
    },
  };
}
