// The `heyan` command, started by bin.ts (bundled or as tsc emitted it). Sets the exit code instead of calling
// process.exit so piped output is flushed.
import { prestartVerifyWorkers } from './verify-prestart.js';

// `heyan verify` over several inputs: its worker threads load the library on other cores while this one does.
prestartVerifyWorkers(process.argv.slice(2));
const { main } = await import('./main.js');

// `heyan verify ... | head` closes the pipe early: stop quietly instead of printing an EPIPE stack.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
