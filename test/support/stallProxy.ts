/**
 * A TCP proxy on loopback that can stall: paused, it stops forwarding bytes either way but
 * keeps every socket open and accepts new ones — what a client sees of a server under
 * SIGSTOP (the kernel still completes handshakes; nobody answers). Resumed, what was held
 * flows on in order, as from a server that wakes up. Used in front of MariaDB and Redis by
 * the stall tests (test/integration/deadlines.test.ts) and the fault script (test/faults/).
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface StallProxy {
  port: number;
  pause(): void;
  resume(): void;
  /** Bytes held while paused, either way (a test can check a request reached the proxy). */
  held(): number;
  close(): Promise<void>;
}

/** One direction of a connection: forwards chunks, or holds them while paused. */
function forwarder(to: Socket, isPaused: () => boolean) {
  const queue: Buffer[] = [];
  return {
    push(chunk: Buffer) {
      if (isPaused() || queue.length) queue.push(chunk);
      else to.write(chunk);
    },
    flush() {
      while (queue.length && !isPaused()) to.write(queue.shift()!);
    },
    held: () => queue.reduce((n, c) => n + c.length, 0),
  };
}

export async function startStallProxy(target: { host: string; port: number }): Promise<StallProxy> {
  let paused = false;
  const pairs = new Set<{ flush(): void; held(): number; destroy(): void }>();
  const server: Server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    const up = forwarder(upstream, () => paused);
    const down = forwarder(client, () => paused);
    client.on('data', (c) => up.push(c));
    upstream.on('data', (c) => down.push(c));
    const pair = {
      flush: () => {
        up.flush();
        down.flush();
      },
      held: () => up.held() + down.held(),
      destroy: () => {
        client.destroy();
        upstream.destroy();
      },
    };
    pairs.add(pair);
    // Either side closing closes the other (a client that gave up on a stalled query closes
    // its socket; the server then sees it go, as it would without the proxy).
    const end = () => {
      pairs.delete(pair);
      pair.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    pause: () => {
      paused = true;
    },
    resume: () => {
      paused = false;
      for (const p of pairs) p.flush();
    },
    held: () => [...pairs].reduce((n, p) => n + p.held(), 0),
    close: async () => {
      for (const p of pairs) p.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
