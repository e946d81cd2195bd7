/** Runs Debian's wrk against a loopback URL (bounded duration) and reads its summary. */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface WrkResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  requests: number;
  /** wrk's socket errors (connect + read + write + timeout): requests that got no answer. */
  socketErrors: number;
}

const toMs = (v: string) => {
  const m = /^([\d.]+)(us|ms|s)$/.exec(v);
  if (!m) return NaN;
  return Number(m[1]) * (m[2] === 'us' ? 0.001 : m[2] === 's' ? 1000 : 1);
};

const lua = (s: string) => JSON.stringify(s); // a JSON string is a valid Lua string literal here (ASCII)

/** `tokens` are spread over requests round-robin as Bearer tokens (a wrk Lua script);
 * `posts` instead sends POSTs round-robin, each with its token and JSON body; `script` is a
 * wrk Lua script of the caller's own. */
export async function wrk(
  url: string,
  opts: {
    seconds: number;
    connections: number;
    threads?: number;
    tokens?: string[];
    posts?: { token: string; body: string }[];
    script?: string;
    rate?: number;
  },
): Promise<WrkResult> {
  if (!/^http:\/\/127\.0\.0\.1:/.test(url)) throw new Error('benchmarks target loopback only');
  const args = [`-t${opts.threads ?? 1}`, `-c${opts.connections}`, `-d${opts.seconds}s`, '--latency'];
  if (opts.script) {
    const script = join(tmpdir(), `yima-wrk-script-${process.pid}.lua`);
    writeFileSync(script, opts.script);
    args.push('-s', script);
  } else if (opts.posts?.length) {
    const script = join(tmpdir(), `yima-wrk-post-${process.pid}.lua`);
    writeFileSync(
      script,
      `local posts = {${opts.posts.map((p) => `{${lua(p.token)}, ${lua(p.body)}}`).join(',\n')}}
local i = 0
request = function()
  i = i % #posts + 1
  return wrk.format("POST", nil, { ["Authorization"] = "Bearer " .. posts[i][1], ["Content-Type"] = "application/json" }, posts[i][2])
end
`,
    );
    args.push('-s', script);
  } else if (opts.tokens?.length) {
    const script = join(tmpdir(), `yima-wrk-${process.pid}.lua`);
    writeFileSync(
      script,
      `local tokens = {${opts.tokens.map((t) => `"${t}"`).join(',')}}
local i = 0
request = function()
  i = i % #tokens + 1
  return wrk.format("GET", nil, { ["Authorization"] = "Bearer " .. tokens[i] })
end
`,
    );
    args.push('-s', script);
  }
  args.push(url);
  const { stdout } = await run('wrk', args, { timeout: (opts.seconds + 30) * 1000 });
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(stdout);
  const p50 = /\s50%\s+(\S+)/.exec(stdout);
  const p99 = /\s99%\s+(\S+)/.exec(stdout);
  const total = /(\d+) requests in/.exec(stdout);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(stdout);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout);
  if (!rps || !p99 || !p50 || !total) throw new Error(`could not read wrk output:\n${stdout}`);
  return {
    requestsPerSecond: Number(rps[1]),
    p50Ms: toMs(p50[1]),
    p99Ms: toMs(p99[1]),
    non2xx: non2xx ? Number(non2xx[1]) : 0,
    requests: Number(total[1]),
    socketErrors: socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
  };
}
