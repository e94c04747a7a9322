#!/usr/bin/env node
// Entry point: TypeScript sources run through tsx's loader, so no build step stands between
// a fresh clone and a running gateway.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
