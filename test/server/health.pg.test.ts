import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { parse } from 'yaml';
import { validateSchema, type Schema } from '../helpers/json-schema.js';

/**
 * `GET /health` when the database goes away (issue 17's gap): the reference server on PostgreSQL answers 503 with the
 * kind of problem and nothing of the driver's message (host, port, user, database name), logs the real cause, and
 * answers 200 again once the database takes connections. The database refuses connections and its open ones are
 * ended (`ALTER DATABASE … ALLOW_CONNECTIONS false` + `pg_terminate_backend`, the plugin's `database` action), which
 * is what the server sees when its database is stopped, while the shared test cluster keeps serving other tests.
 * (On SQLite the database is a file inside the process: it cannot go away while the server runs.)
 */

const server = (payload: Record<string, unknown>) => executeServerCommand<Record<string, unknown>, unknown>('reference-server', payload);
const NAME = 'pg-health';

/** Polls /health until `status`; the last answer. */
async function healthUntil(url: string, status: number, timeout = 15_000): Promise<{ status: number; body: Record<string, unknown>; type: string | null }> {
  const start = performance.now();
  for (;;) {
    const response = await fetch(`${url}/health`, { cache: 'no-store' });
    const body = (await response.json()) as Record<string, unknown>;
    if (response.status === status) return { status, body, type: response.headers.get('Content-Type') };
    if (performance.now() - start > timeout) throw new Error(`/health still answers ${response.status} ${JSON.stringify(body)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('reference server on PostgreSQL: /health when the database goes away', () => {
  let url: string;

  before(async function () {
    this.timeout(60_000);
    // --verbose: the server's log (the `log` action) is read below.
    ({ url } = (await server({ action: 'start', name: NAME, engine: 'postgres', args: ['--verbose'] })) as { url: string });
  });
  after(async function () {
    this.timeout(20_000);
    await server({ action: 'database', name: NAME, connections: 'allow' }).catch(() => {});
    await server({ action: 'stop', name: NAME });
  });

  it('answers 503 naming the kind of problem without the driver\'s message, logs the cause, and 200 again once the database is back', async function () {
    this.timeout(40_000);
    const doc = parse(await (await fetch('/docs/openapi.yaml')).text()) as Schema & { paths: Record<string, Record<string, Schema>> };
    const responses = doc.paths['/health']!['get']!['responses'] as Record<string, Schema>;
    const schemaOf = (status: number) => ((responses[String(status)]!['content'] as Record<string, Schema>)['application/json']!['schema']) as Schema;

    const healthy = await healthUntil(url, 200);
    expect(healthy.body).to.deep.equal({ ok: true, database: 'postgres' });

    await server({ action: 'database', name: NAME, connections: 'refuse' });
    const down = await healthUntil(url, 503);
    expect(down.type).to.contain('application/json');
    expect(validateSchema(doc, schemaOf(503), down.body), 'the documented 503 body').to.deep.equal([]);
    // The refused new connection ('refused'), or — if the probe met a pooled connection just being ended — 'unreachable'.
    expect(down.body['reason']).to.be.oneOf(['refused', 'unreachable']);
    expect(down.body['ok']).to.equal(false);
    expect(down.body['database']).to.equal('postgres');
    const text = JSON.stringify(down.body);
    for (const secret of [/sw_test_\d+/, /postgres(ql)?:\/\//, /127\.0\.0\.1/, /localhost/, /:\d{4,5}\b/, /accepting connections/, /terminat/i, /user/]) {
      expect(text, `the answer holds nothing like ${secret}`).not.to.match(secret);
    }
    // The next probe meets a new connection, which the database refuses.
    const again = await fetch(`${url}/health`);
    expect(again.status).to.equal(503);
    expect(((await again.json()) as { reason: string }).reason).to.equal('refused');

    const { text: log } = (await server({ action: 'log', name: NAME })) as { text: string };
    expect(log, 'the log names the real cause').to.match(/health: (refused|unreachable): .*(not currently accepting connections|terminat)/);

    await server({ action: 'database', name: NAME, connections: 'allow' });
    const back = await healthUntil(url, 200);
    expect(back.body).to.deep.equal({ ok: true, database: 'postgres' });
    expect(validateSchema(doc, schemaOf(200), back.body)).to.deep.equal([]);
    const { text: later } = (await server({ action: 'log', name: NAME })) as { text: string };
    expect(later).to.contain('health: the database answers again');
  });
});
