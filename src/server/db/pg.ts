import type { Pool, PoolClient } from 'pg';
import type { Logger } from '../options.js';
import { importOptional } from '../optional-import.js';
import type { Database, Queryable } from './types.js';

type PgModule = typeof import('pg');

function queryable(target: Pool | PoolClient): Queryable {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      return (await target.query(sql, [...params])).rows as Row[];
    },
  };
}

/** A PostgreSQL server through a `pg` pool. Several server instances may share the database. */
export async function openPostgres(url: string, max: number, logger: Logger): Promise<Database> {
  const pg = await importOptional<PgModule>('pg', 'A PostgreSQL database');
  const pool = new (pg.default ?? pg).Pool({ connectionString: url, max });
  // An idle connection that the server drops must not crash the process; the pool replaces it.
  pool.on('error', (error: Error & { code?: string }) => logger.error('call-elements/server: idle database connection failed', { code: error.code }));
  await pool.query('SELECT 1');
  return {
    ...queryable(pool),
    async transaction(work) {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await work({
          ...queryable(client),
          async exec(sql) {
            await client.query(sql);
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        // A connection that cannot even roll back is thrown away rather than given to the next request.
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        throw error;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
