import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const DIST = resolve(ROOT, 'dist');
export const RESULTS = resolve(ROOT, 'bench-results');
/** Bundles the benchmarks build for the browser (agent page, plain Lit reference element). */
export const BUILD = resolve(RESULTS, 'build');
export const PAGES = '/scripts/bench/pages';
