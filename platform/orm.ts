import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig, type OrmOptions } from '../domain/orm.config';

export type Orm = MikroORM;

export function createOrm(options: OrmOptions): Promise<Orm> {
  return MikroORM.init(ormConfig(options));
}

export async function migrate(orm: Orm): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((m) => m.name);
}
