import type { DatabaseOptions, Logger } from '../options.js';
import { migrate } from './migrations.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './pg.js';
import type { Database } from './types.js';

const DEFAULT_POOL_SIZE = 10;

/** Opens the configured database (PostgreSQL, PGlite on disk, or PGlite in memory) and migrates it. */
export async function openDatabase(options: DatabaseOptions | undefined, logger: Logger): Promise<Database> {
  const db =
    options && 'url' in options
      ? await openPostgres(options.url, options.max ?? DEFAULT_POOL_SIZE, logger)
      : await openPglite(options?.dataDir);
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return db;
}
