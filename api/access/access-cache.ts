import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { RequestHandler } from 'express';
import { DecisionCache } from '../../domain/access/decision-cache';
import type { Logger } from '../../platform/logger';
import { listenToChannel } from '../../platform/pg-listener';

/** The channel of Migration20261126150000_access_feed's triggers. */
const CHANNEL = 'access_changed';
const BARRIER = 'barrier:';
const BARRIER_TIMEOUT_MS = 5_000;
const READ_ONLY = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The decision cache of one API process, kept correct by the database's change feed. */
export interface AccessCache {
  cache: DecisionCache;
  /**
   * Middleware: while a request that may write is in flight, and until the
   * feed has delivered every change committed before it ended, the cache
   * answers nothing — the next decision after a revocation through this
   * process is denied, whatever the order of the two messages.
   */
  trackWrites: RequestHandler;
  /** Resolves once the feed has delivered every change committed before the call. */
  barrier(): Promise<void>;
  close(): Promise<void>;
}

export async function startAccessCache(deps: { databaseUrl: string; orm: MikroORM; logger: Logger; maxEntries?: number }): Promise<AccessCache> {
  const { orm, logger } = deps;
  const cache = new DecisionCache(deps.maxEntries);
  const barriers = new Map<string, () => void>();
  const listener = await listenToChannel(
    deps.databaseUrl,
    CHANNEL,
    {
      onListening: () => cache.open(),
      onLost: () => cache.close(),
      onNotification: (payload) => {
        if (!payload.startsWith(BARRIER)) return cache.changed(payload);
        barriers.get(payload)?.();
        barriers.delete(payload);
      },
    },
    logger,
  );

  /** Resolves once the feed has delivered everything committed before the call (notifications arrive in commit order). */
  async function barrier(): Promise<void> {
    const id = `${BARRIER}${randomUUID()}`;
    let timer: NodeJS.Timeout | undefined;
    const seen = new Promise<void>((resolve, reject) => {
      barriers.set(id, resolve);
      timer = setTimeout(() => reject(new Error('the change feed did not deliver a barrier in time')), BARRIER_TIMEOUT_MS);
    });
    try {
      await orm.em.getConnection().execute('select pg_notify(?, ?)', [CHANNEL, id]);
      await seen;
    } finally {
      clearTimeout(timer);
      barriers.delete(id);
    }
  }

  const trackWrites: RequestHandler = (req, res, next) => {
    if (READ_ONLY.has(req.method)) return next();
    cache.hold();
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      barrier()
        .catch((err: Error) => {
          logger.warn({ err }, 'decision cache emptied: no proof the change feed is current');
          cache.reset();
        })
        .finally(() => cache.release());
    };
    res.on('finish', end);
    res.on('close', end);
    next();
  };

  return { cache, trackWrites, barrier, close: () => listener.close() };
}
