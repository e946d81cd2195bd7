/** The baseline: Koa with one JSON route and nothing else, one process. */
import { createServer } from 'node:http';
import Koa from 'koa';

const app = new Koa();
app.use((ctx) => {
  ctx.body = { ok: true };
});
const port = Number(process.env.PORT ?? 0);
createServer(app.callback()).listen(port, '127.0.0.1', () => console.log(`bare koa on ${port}`));
