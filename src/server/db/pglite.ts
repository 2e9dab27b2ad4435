import type { PGlite as PGliteInstance, Transaction as PGliteTransaction } from '@electric-sql/pglite';
import { importOptional } from '../optional-import.js';
import type { Database, Queryable, Transaction } from './types.js';

type PGliteModule = typeof import('@electric-sql/pglite');

function queryable(target: PGliteInstance | PGliteTransaction): Queryable {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      return (await target.query<Row>(sql, [...params])).rows;
    },
  };
}

/**
 * Embedded PostgreSQL (PGlite, WebAssembly): in memory, or persisted in `dataDir`. One process
 * at a time may open a data directory. PGlite runs one query at a time, so transactions never
 * interleave here; the SQL is the same as on a PostgreSQL server, where they do.
 */
export async function openPglite(dataDir: string | undefined): Promise<Database> {
  const { PGlite } = await importOptional<PGliteModule>('@electric-sql/pglite', 'The embedded database (PGlite)');
  const db = new PGlite(dataDir);
  await db.waitReady;
  return {
    ...queryable(db),
    transaction<T>(work: (tx: Transaction) => Promise<T>) {
      return db.transaction((tx) =>
        work({
          ...queryable(tx),
          async exec(sql) {
            await tx.exec(sql);
          },
        }),
      );
    },
    close: () => db.close(),
  };
}
