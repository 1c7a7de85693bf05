#!/usr/bin/env node
// The `jixiao` command. The packages are TypeScript run directly through tsx's loader, so
// there is no build step between editing the code and running it.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv);
