#!/usr/bin/env node
import { main } from './main.js';

// `bpf-herd check ... | head`: a closed pipe ends the run quietly instead of with a stack trace
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

const code = await main(process.argv.slice(2));
process.exitCode = code;
// Node should now exit by itself; should anything still hold it (a solver thread), leave anyway.
setTimeout(() => process.exit(code), 2000).unref();
