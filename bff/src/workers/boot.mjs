// The first module of every worker thread (tsWorker.ts): registers tsx, which a worker does
// not inherit from the BFF's process, then imports the TypeScript module the thread runs
// (its URL is the thread's first argument).
import { register } from 'tsx/esm/api';

register();
await import(process.argv[2]);
