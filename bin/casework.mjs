#!/usr/bin/env node
// The `casework` command: runs the TypeScript core through tsx's loader (no build step for the CLI).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src-main/hosts/cli/main.ts');
const code = await main(process.argv);
process.exitCode = code;
