#!/usr/bin/env node
// The dockyard command. Sources are TypeScript; tsx compiles them on the fly, so a fresh clone
// runs after `pnpm install` with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
