#!/usr/bin/env node
// `casework-license`: the vendor's licence tool (keygen, issue, inspect), run from the TypeScript sources through tsx.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src-main/hosts/license-cli/main.ts');
process.exitCode = await main(process.argv);
