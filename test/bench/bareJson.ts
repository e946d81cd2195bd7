/**
 * The ceilings of the peer benchmark (peerLuca.ts): bare Koa and bare Express, one process
 * each, answering a POST with a JSON body the way the routes measured there do: the body read
 * and parsed by the framework's usual JSON parser (express.json(), as luca does;
 * @koa/bodyparser for Koa), a small JSON answer, nothing else. `BARE=koa|express`, `PORT`.
 */
import { createServer } from 'node:http';
import express from 'express';
import Koa from 'koa';
import { bodyParser } from '@koa/bodyparser';

const port = Number(process.env.PORT ?? 0);
const which = process.env.BARE ?? 'koa';

if (which === 'express') {
  const app = express();
  app.use(express.json());
  app.post('/', (req, res) => {
    res.status(201).json({ ok: typeof req.body === 'object' });
  });
  app.get('/', (_req, res) => {
    res.json({ ok: true });
  });
  createServer(app).listen(port, '127.0.0.1', () => console.log(`bare express on ${port}`));
} else {
  const app = new Koa();
  app.use(bodyParser());
  app.use((ctx) => {
    if (ctx.method === 'POST') ctx.status = 201;
    ctx.body = { ok: typeof ctx.request.body === 'object' };
  });
  createServer(app.callback()).listen(port, '127.0.0.1', () => console.log(`bare koa on ${port}`));
}
