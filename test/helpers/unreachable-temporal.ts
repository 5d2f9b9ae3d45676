import { Client, Connection } from '@temporalio/client';
import { freePort } from './free-port';

/**
 * A Temporal client pointed at a closed port, as when Temporal is down:
 * each call fails with a ServiceError — at once, without the SDK's retries
 * (about 20 s of them), which the application's own client keeps.
 */
export async function unreachableTemporal(): Promise<Client> {
  return new Client({ connection: Connection.lazy({ address: `127.0.0.1:${await freePort()}`, connectTimeout: 500, interceptors: [] }) });
}
