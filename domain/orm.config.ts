import 'reflect-metadata';
import { defineConfig, ReflectMetadataProvider } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { entities } from './entities';
import { migrationsList } from './migrations';

export interface OrmOptions {
  databaseUrl: string;
  debug?: boolean;
  poolMax?: number;
}

export function ormConfig({ databaseUrl, debug = false, poolMax = 10 }: OrmOptions) {
  return defineConfig({
    clientUrl: databaseUrl,
    entities,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    migrations: {
      migrationsList,
      path: 'domain/migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
    pool: { min: 0, max: poolMax },
    debug,
    forceUtcTimezone: true,
    discovery: { warnWhenNoEntities: false },
  });
}
