// Starts what WebKit needs to be driven here: an X display (Xvfb, when there is no DISPLAY) and
// WebKitGTK's WebDriver server on a free loopback port. Both stop with the process that started them.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, connect } from 'node:net';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function listening(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve()));
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`WebKitWebDriver did not listen on port ${port} within ${timeoutMs} ms`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

/** The first display number whose X lock file is free. */
function freeDisplay() {
  for (let display = 99; display < 199; display += 1) {
    if (!existsSync(`/tmp/.X${display}-lock`) && !existsSync(`/tmp/.X11-unix/X${display}`)) return display;
  }
  throw new Error('no free X display number between :99 and :198');
}

/**
 * Starts Xvfb (if `xvfb` is given) and WebKitWebDriver. Returns the driver's port, the DISPLAY used, and
 * `stop()`; the children are also killed when this process exits.
 */
export async function startWebKitDriver({ webdriver, xvfb }) {
  const children = [];
  const stop = () => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGTERM');
  };
  process.once('exit', stop);
  let display = process.env.DISPLAY;
  if (xvfb) {
    const number = freeDisplay();
    display = `:${number}`;
    children.push(spawn(xvfb, [display, '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], { stdio: 'ignore' }));
  }
  const port = await freePort();
  const driver = spawn(webdriver, [`--port=${port}`, '--host=127.0.0.1'], { stdio: 'ignore', env: { ...process.env, DISPLAY: display } });
  children.push(driver);
  try {
    await listening(port, 10_000);
  } catch (error) {
    stop();
    throw error;
  }
  return { port, display, stop };
}
