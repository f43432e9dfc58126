#!/usr/bin/env node
// `npm run load`: a bounded loopback load test of the reference server. Starts its own server (SQLite file in a temp
// folder, WAL) on a free 127.0.0.1 port, then measures chat sends and callback-window listings with concurrent
// keep-alive clients, and verifies that nothing was lost or duplicated: every accepted message is listed exactly once
// and arrived exactly once on its customer's event stream (retries with the same clientId included).
//   --requests N     requests per scenario (default 4000)
//   --concurrency N  parallel clients (default 16)
//   --customers N    tenants, each with its own event stream (default 20)
//   --max-seconds N  time limit per scenario (default 30)
//   --write          put the results into docs/performance.md ("Adapter / reference server" section)
//   --db postgres    the server on PostgreSQL (a throwaway cluster from scripts/pg-cluster.mjs) instead of SQLite
//   --instances N[,M…]  server processes on one database (PostgreSQL); customers' streams and requests are spread
//                    over them round-robin. A list runs the scenarios once per count, each on a fresh database, and
//                    shows them side by side (e.g. --db postgres --instances 1,2)
//   --stalled        instead: one customer opens its event stream and stops reading while it sends --requests chat
//                    messages (default 16000); samples the server's resident memory and the bytes waiting for the
//                    stalled stream, and checks the stream was dropped and a reconnect with Last-Event-ID catches up
//   --stream-buffer-bytes N  the server's bound for one stream's unread bytes (default: the server's, 256 KiB;
//                    a huge value shows the behaviour without the bound)
import http from 'node:http';
import os from 'node:os';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildServer } from './server.mjs';
import { spawnServer, stall, unstall } from './reference-server-plugin.mjs';
import { startCluster } from './pg-cluster.mjs';
import pg from 'pg';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const STALLED = args.includes('--stalled');
const textOption = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? String(args[i + 1]) : fallback;
};
const ENGINE = textOption('db', 'sqlite') === 'postgres' ? 'postgres' : 'sqlite';
const INSTANCE_COUNTS = textOption('instances', '1').split(',').map(Number);
if (ENGINE === 'sqlite' && INSTANCE_COUNTS.some((n) => n !== 1)) throw new Error('--instances above 1 needs --db postgres');
const REQUESTS = option('requests', STALLED ? 16_000 : 4000);
const BUFFER_BOUND = option('stream-buffer-bytes', null);
const CONCURRENCY = option('concurrency', 16);
const CUSTOMERS = option('customers', 20);
const MAX_SECONDS = option('max-seconds', 30);
const REPEAT_SHARE = 0.05; // sends repeated with the same clientId (lost answers, retries)

const hardStop = setTimeout(() => {
  console.error('load test: hard time limit reached');
  process.exit(2);
}, (MAX_SECONDS * 2 + 60) * 1000);
hardStop.unref();

const loadBefore = os.loadavg()[0];
const dir = mkdtempSync(join(os.tmpdir(), 'sw-load-'));
const cluster = ENGINE === 'postgres' ? await startCluster() : null;
let databases = 0;
/** The running server processes (one per instance) and their base URLs; replaced by `startServers`. */
let children = [];
let bases = [];
let base;
async function startServers(count) {
  let env = { ...process.env, DATABASE_URL: '' };
  if (cluster) {
    const name = `load_${(databases += 1)}`;
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    env = { ...process.env, DATABASE_URL: cluster.url.replace(/\/[^/]+$/, `/${name}`) };
  }
  const file = join(dir, `load-${databases}.db`);
  children = [];
  bases = [];
  // One after the other: the first migrates the database.
  for (let i = 0; i < count; i += 1) {
    const { child, url } = await spawnServer(
      await buildServer(),
      [
        '--port', '0', '--host', '127.0.0.1', '--db', file, '--test-control', '--quiet',
        '--no-rate-limits', // the load test measures throughput, not the limits (test/server/hardening.test.ts does)
        ...(BUFFER_BOUND === null ? [] : ['--stream-buffer-bytes', String(BUFFER_BOUND)]),
      ],
      { env },
    );
    children.push(child);
    bases.push(new URL(url));
  }
  base = bases[0];
  if (!bases.every((b) => ['127.0.0.1', 'localhost', '[::1]'].includes(b.hostname))) throw new Error('The load test only targets loopback');
}
async function stopServers() {
  await Promise.all(children.map((child) => new Promise((r) => (child.exitCode !== null ? r() : (child.once('exit', r), child.kill('SIGTERM'))))));
  children = [];
}
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY + 4 });

/** One request (to `instance`, default the first); resolves with status and parsed body. */
function request(method, path, { body, token, instance = 0 } = {}) {
  const target = bases[instance % bases.length];
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        method,
        path,
        agent,
        headers: {
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
          ...(data ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) } : {}),
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode, body: text ? JSON.parse(text) : undefined });
        });
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

/** Opens a customer's event stream (on instance `customer.instance`) and records chat seqs. */
function openStream(customer) {
  const target = bases[(customer.instance ?? 0) % bases.length];
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: target.hostname, port: target.port, path: '/api/v1/events', headers: { Authorization: `Bearer ${customer.token}`, Accept: 'text/event-stream' } },
      (res) => {
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          buffer += chunk;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (frame.startsWith('event: ready')) resolve(req);
            const data = /^data: (.*)$/m.exec(frame)?.[1];
            if (frame.startsWith('event: chat-message') && data) customer.streamed.push(JSON.parse(data).message.seq);
          }
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** CPU time (user + system) the server processes used so far, ms (Linux /proc; null elsewhere). PostgreSQL's not included. */
function serverCpuMs() {
  try {
    let total = 0;
    for (const child of children) {
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      total += ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 10 ms
    }
    return total;
  } catch {
    return null;
  }
}

/** Runs `task(i)` REQUESTS times with CONCURRENCY workers, within MAX_SECONDS. */
async function scenario(name, task) {
  const cpuBefore = serverCpuMs();
  const latencies = [];
  const failures = new Map();
  let next = 0;
  const deadline = performance.now() + MAX_SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS && performance.now() < deadline) {
        const i = next++;
        const t0 = performance.now();
        const { status } = await task(i);
        latencies.push(performance.now() - t0);
        if (status >= 300) failures.set(status, (failures.get(status) ?? 0) + 1);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = serverCpuMs();
  latencies.sort((a, b) => a - b);
  return {
    name,
    cpuPerRequest: cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / latencies.length,
    requests: latencies.length,
    seconds,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1],
    failures: Object.fromEntries(failures),
  };
}

/** The server process's resident memory, MB (Linux /proc; null elsewhere). */
function serverRssMb() {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${children[0].pid}/status`, 'utf8'))?.[1]);
    return kb / 1024;
  } catch {
    return null;
  }
}

/**
 * One customer stops reading its event stream and sends REQUESTS chat messages (about 2 kB each): the server must
 * drop the stalled stream once the bytes waiting for it pass its bound instead of buffering them all.
 */
async function stalledScenario() {
  const { body: customer } = await request('POST', '/__test/tenants', { body: {} });
  const rssBefore = serverRssMb();
  const { id } = await stall(Number(base.port), customer.token);
  const samples = [];
  let largestWaiting = 0;
  let droppedAfter = null;
  let next = 0;
  let failures = 0;
  const text = `${'Nachricht über einen langen Text. '.repeat(60)}`; // ≈ 2 kB
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        const i = next++;
        const { status } = await request('POST', '/api/v1/chat/messages', { token: customer.token, body: { clientId: `stalled-${i}`, text: `${i}: ${text}` } });
        if (status >= 300) failures += 1;
        if (i % 250 === 0) {
          const { body: streams } = await request('GET', '/__test/streams');
          largestWaiting = Math.max(largestWaiting, streams.maxBufferedBytes);
          if (droppedAfter === null && streams.open === 0) droppedAfter = i;
          samples.push({ sent: i, rss: serverRssMb(), waiting: streams.bufferedBytes });
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const { body: streams } = await request('GET', '/__test/streams');
  const rssAfter = serverRssMb();
  const rssPeak = Math.max(...samples.map((x) => x.rss ?? 0), rssAfter ?? 0);
  const { bytes, closedByServer } = await unstall(id, 5000);
  // The client comes back with the last id it saw (here: none, 0) and catches up from the database.
  const replayed = await new Promise((resolve, reject) => {
    let count = 0;
    let buffer = '';
    const req = http.request(
      { host: base.hostname, port: base.port, path: '/api/v1/events', headers: { Authorization: `Bearer ${customer.token}`, 'Last-Event-ID': '0' } },
      (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          buffer += chunk;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (frame.startsWith('event: chat-message')) count += 1;
            if (frame.startsWith('event: ready')) {
              req.destroy();
              resolve(count);
            }
          }
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
  const mb = (v) => (v === null ? '–' : `${v.toFixed(1)} MB`);
  const kib = (v) => `${(v / 1024).toFixed(0)} KiB`;
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run load -- --stalled${BUFFER_BOUND === null ? '' : ` --stream-buffer-bytes ${BUFFER_BOUND}`}\`, Node ${process.version}: one customer opens its event stream, reads`,
    `the ready frame and stops reading; then it sends ${REQUESTS} chat messages of about 2 kB (${CONCURRENCY} parallel clients, ${seconds.toFixed(1)} s).`,
    '',
    '| server bound per stream | stalled stream dropped | largest bytes waiting in the server for it | server memory before → peak → after | replay after reconnect |',
    '| --- | --- | ---: | --- | ---: |',
    `| ${kib(streams.bound)} | ${closedByServer ? `yes, after about ${droppedAfter ?? '?'} messages` : '**no**'} (slow: ${streams.closed.slow}) | ${kib(largestWaiting)} | ${mb(rssBefore)} → ${mb(rssPeak)} → ${mb(rssAfter)} | ${replayed} of ${REQUESTS - failures} messages |`,
    '',
    `Memory over the run (resident, sampled every 250 sends): ${samples
      .filter((_, i) => i % Math.max(1, Math.floor(samples.length / 8)) === 0)
      .map((x) => `${x.sent}: ${mb(x.rss)}`)
      .join(', ')}. When the stalled client read again it got ${kib(bytes)} (what the kernel's socket buffers and the server still held for it).`,
  ];
  console.log(lines.join('\n'));
  const ok = closedByServer && replayed === REQUESTS - failures && failures === 0;
  return { lines, ok };
}

/** Chat sends and slot listings with every customer's stream open; verifies nothing was lost or duplicated. */
async function throughputScenarios(instances) {
  // Customers, each with an open event stream; with several instances the stream is on one instance and the
  // customer's sends go to all of them in turn (a load balancer without sticky sessions).
  const customers = [];
  for (let i = 0; i < CUSTOMERS; i += 1) {
    const { body } = await request('POST', '/__test/tenants', { body: {} });
    customers.push({ ...body, instance: i % instances, sent: new Map(), streamed: [] });
  }
  const streams = await Promise.all(customers.map(openStream));

  // 1. Chat sends: unique clientIds, 5 % of them sent a second time (a retry after a lost answer).
  const chat = await scenario('chat send (POST /chat/messages)', async (i) => {
    const customer = customers[i % customers.length];
    const repeat = i > CONCURRENCY * 2 && Math.random() < REPEAT_SHARE && customer.sent.size > 0;
    const clientId = repeat ? [...customer.sent.keys()][Math.floor(Math.random() * customer.sent.size)] : `load-${i}`;
    const result = await request('POST', '/api/v1/chat/messages', {
      token: customer.token,
      instance: i,
      body: { clientId, text: `Nachricht ${i}: Grüße 😀 '; DROP TABLE chat_messages; --` },
    });
    if (result.status < 300) {
      const seq = result.body.seq;
      if (customer.sent.has(clientId) && customer.sent.get(clientId) !== seq) customer.duplicates = (customer.duplicates ?? 0) + 1;
      customer.sent.set(clientId, seq);
    }
    return result;
  });

  // 2. Slot listing: the callback windows of the booking horizon, with availability.
  const topics = ['short-question', 'consultation'];
  const slots = await scenario('slot listing (GET /callback/windows)', async (i) =>
    request('GET', `/api/v1/callback/windows?topicId=${topics[i % 2]}`, { token: customers[i % customers.length].token, instance: i }),
  );

  // Verification: nothing lost, nothing twice.
  await new Promise((r) => setTimeout(r, 500)); // let the streams drain
  let accepted = 0;
  let listedTotal = 0;
  const problems = [];
  for (const [n, customer] of customers.entries()) {
    const { body: listed } = await request('GET', '/api/v1/chat/messages', { token: customer.token });
    accepted += customer.sent.size;
    listedTotal += listed.length;
    const listedIds = listed.map((m) => m.clientId);
    if (new Set(listedIds).size !== listedIds.length) problems.push(`customer ${n}: a clientId is listed twice`);
    for (const [clientId, seq] of customer.sent) {
      if (!listed.some((m) => m.clientId === clientId && m.seq === seq)) problems.push(`customer ${n}: ${clientId} is missing`);
    }
    if (listed.length !== customer.sent.size) problems.push(`customer ${n}: ${listed.length} listed, ${customer.sent.size} accepted`);
    const streamed = [...customer.streamed].sort((a, b) => a - b);
    if (streamed.length !== customer.sent.size || new Set(streamed).size !== streamed.length) {
      problems.push(`customer ${n}: ${streamed.length} streamed, ${customer.sent.size} accepted`);
    }
    if (customer.duplicates) problems.push(`customer ${n}: ${customer.duplicates} repeats got a new message`);
  }
  for (const s of streams) s.destroy();

  const ms = (v) => `${v.toFixed(1)} ms`;
  const label = ENGINE === 'postgres' ? `PostgreSQL, ${instances} instance${instances > 1 ? 's' : ''}` : 'SQLite file (WAL), 1 instance';
  const row = (r) =>
    `| ${label} | ${r.name} | ${r.requests} | ${r.seconds.toFixed(1)} s | **${Math.round(r.rps)}** | ${ms(r.p50)} | ${ms(r.p95)} | **${ms(r.p99)}** | ${ms(r.max)} | ${r.cpuPerRequest === null ? '–' : `${r.cpuPerRequest.toFixed(2)} ms`} | ${Object.keys(r.failures).length ? JSON.stringify(r.failures) : 'none'} |`;
  const cpu = os.cpus();
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run load${ENGINE === 'postgres' ? ` -- --db postgres --instances ${INSTANCE_COUNTS.join(',')}` : ''}\` on ${cpu.length} × ${cpu[0]?.model.trim() ?? 'CPU'}, Node ${process.version},`,
    `loopback only: the reference server (${ENGINE === 'postgres' ? 'PostgreSQL 15, a throwaway cluster with fsync off' : 'SQLite file, WAL'}) and ${CONCURRENCY} concurrent keep-alive clients share the machine;`,
    `${CUSTOMERS} customers, each with an open event stream; ${Math.round(REPEAT_SHARE * 100)} % of the sends repeat an earlier clientId.`,
    `The machine's 1-minute load average was ${loadBefore.toFixed(1)} when the run started (other work shares the cores).`,
    '',
    '| server | scenario | requests | time | requests/s | p50 | p95 | p99 | max | server CPU per request | non-2xx |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    row(chat),
    row(slots),
    '',
    `${label}: nothing lost: ${accepted} distinct messages accepted, ${listedTotal} listed (each clientId once, repeats answered with the stored message), ` +
      `${customers.reduce((n, c) => n + c.streamed.length, 0)} delivered on the event streams (each once). ` +
      (problems.length ? `**PROBLEMS: ${problems.slice(0, 5).join('; ')}**` : 'Verification passed.'),
  ];
  console.log(lines.join('\n'));

  const ok = !problems.length && !Object.keys(chat.failures).length && !Object.keys(slots.failures).length;
  return { lines, rows: [row(chat), row(slots)], summary: lines[lines.length - 1], ok };
}

/** Replaces the marked block in docs/performance.md (appends it under `heading` the first time). */
function writeBlock(name, lines, heading) {
  const file = 'docs/performance.md';
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    text = '# Performance\n';
  }
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const block = `${start}\n${lines.join('\n')}\n${end}`;
  if (text.includes(start)) text = text.replace(new RegExp(`${start}[\\s\\S]*?${end}`), block);
  else text = `${text.trimEnd()}\n\n${heading}\n\n${block}\n`;
  writeFileSync(file, text);
  console.log(`\nwrote ${file}`);
}

let exitCode = 0;
try {
  if (STALLED) {
    await startServers(1);
    const { lines, ok } = await stalledScenario();
    if (!ok) exitCode = 1;
    if (args.includes('--write')) writeBlock('adapter-stalled', lines, '### A client that stops reading');
  } else {
    // One run per instance count, each on a fresh database; the tables side by side in one block.
    const runs = [];
    for (const count of INSTANCE_COUNTS) {
      await startServers(count);
      try {
        runs.push(await throughputScenarios(count));
      } finally {
        await stopServers();
      }
    }
    if (runs.some((r) => !r.ok)) exitCode = 1;
    const lines =
      runs.length === 1
        ? runs[0].lines
        : [...runs[0].lines.slice(0, 7), ...runs.flatMap((r) => r.rows), '', ...runs.map((r) => r.summary)];
    if (runs.length > 1) console.log(`\n${lines.join('\n')}`);
    const name = ENGINE === 'postgres' ? 'adapter-load-postgres' : 'adapter-load';
    if (args.includes('--write')) writeBlock(name, lines, ENGINE === 'postgres' ? '### On PostgreSQL, one and two instances' : '## Adapter / reference server');
  }
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  agent.destroy();
  await stopServers();
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(exitCode);
