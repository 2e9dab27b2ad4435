// Serves the repository root for the demo (`npm start`): demo/ uses the built dist/ bundle, as a
// script-tag host would. Static files only, under a strict Content-Security-Policy so that the demo
// also proves the library needs no inline script, no eval and only the "lit-html" Trusted Types policy.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self' https://workspace.aircall.io",
  "object-src 'none'",
  "base-uri 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html',
].join('; ');

function fileFor(urlPath) {
  const decoded = decodeURIComponent(urlPath.split('?')[0]);
  const candidate = normalize(join(root, decoded));
  if (candidate !== root && !candidate.startsWith(root + sep)) return undefined;
  try {
    const stat = statSync(candidate);
    if (stat.isDirectory()) return fileFor(join(decoded, 'index.html'));
    return candidate;
  } catch {
    return undefined;
  }
}

export function startServer(port = Number(process.env.PORT) || 8000, host = '127.0.0.1') {
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/' || path === '/index.html') {
      res.writeHead(302, { Location: '/demo/' });
      res.end();
      return;
    }
    if (path === '/demo') {
      res.writeHead(301, { Location: '/demo/' });
      res.end();
      return;
    }
    const file = fileFor(path);
    if (!file || file.includes(`${sep}node_modules${sep}`) || file.includes(`${sep}.git${sep}`)) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CSP,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolvePromise, reject) => {
    const tryPort = (candidate, attemptsLeft) => {
      server.once('error', (error) => {
        if (error.code === 'EADDRINUSE' && attemptsLeft > 0) tryPort(candidate + 1, attemptsLeft - 1);
        else reject(error);
      });
      server.listen(candidate, host, () => resolvePromise({ server, url: `http://localhost:${server.address().port}/demo/` }));
    };
    tryPort(port, 20);
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    statSync(join(root, 'dist', 'bundle', 'call-elements.js'));
  } catch {
    console.error('dist/bundle/call-elements.js is missing: run "npm start" (it builds first) or "npm run build".');
    process.exit(1);
  }
  const { url } = await startServer();
  console.log(`\n  call-elements demo: ${url}\n  (Ctrl+C to stop)\n`);
}
