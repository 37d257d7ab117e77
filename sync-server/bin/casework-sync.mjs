#!/usr/bin/env node
// The `casework-sync` command: runs the sync server's TypeScript through tsx's loader (no build step).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
const code = await main(process.argv);
process.exitCode = code;
