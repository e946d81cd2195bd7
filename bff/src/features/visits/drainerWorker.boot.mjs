// Starts drainerWorker.ts in a worker thread: the BFF runs TypeScript through tsx, and a worker
// does not inherit the loader, so it registers tsx itself before importing the worker (as the
// provincial feed's reader threads do, lineWorker.boot.mjs).
import { register } from 'tsx/esm/api';

register();
await import('./drainerWorker.ts');
