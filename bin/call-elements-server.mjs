#!/usr/bin/env node
// The reference backend from the command line: `call-elements-server --dev-auth` (see --help).
// It runs the built package (dist/server); in a clone of the repository, run `npm run build` first.
let cli;
try {
  cli = await import('../dist/server/cli.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  console.error(`call-elements-server: ${error.message}\n(in a clone of the repository, run npm run build first)`);
  process.exit(1);
}

try {
  const run = await cli.runCli(process.argv.slice(2));
  if (!run) {
    console.log(cli.USAGE);
  } else {
    console.log(run.banner);
    const stop = () => run.stop().then(() => process.exit(0), () => process.exit(1));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  }
} catch (error) {
  const usage = error instanceof cli.CliUsageError || error?.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || error?.code === 'invalid-options';
  console.error(`call-elements-server: ${error.message}`);
  if (usage) console.error('Run call-elements-server --help for the options.');
  process.exit(usage ? 2 : 1);
}
