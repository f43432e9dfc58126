import { expect } from '@open-wc/testing';
import { checkHealth, healthProblemOf } from '../../server/health.js';

/** The reference server's health check (server/health.ts): what a failed ping is called in the public answer. */
describe('health check', () => {
  const coded = (code: string, message = 'connect to postgres://admin:secret@db.internal:5432/crm') => Object.assign(new Error(message), { code });

  it('sorts a failure by its code, never by what its message says', () => {
    const cases: [what: string, error: unknown, expected: string][] = [
      ['connection refused (PostgreSQL stopped)', coded('ECONNREFUSED'), 'unreachable'],
      ['host name unknown', coded('ENOTFOUND'), 'unreachable'],
      ['connection reset', coded('ECONNRESET'), 'unreachable'],
      ['terminated by an administrator (57P01)', coded('57P01'), 'unreachable'],
      ['the server is shutting down (57P03)', coded('57P03'), 'unreachable'],
      ['connection failure (08006)', coded('08006'), 'unreachable'],
      ['node-postgres: connection terminated', new Error('Connection terminated unexpectedly'), 'unreachable'],
      ['node-postgres: pool ended', new Error('Cannot use a pool after calling end on the pool'), 'unreachable'],
      ['database not accepting connections (55000)', coded('55000'), 'refused'],
      ['password authentication failed (28P01)', coded('28P01'), 'refused'],
      ['no such database (3D000)', coded('3D000'), 'refused'],
      ['too many clients (53300)', coded('53300'), 'refused'],
      ['SQLite: the database is closed', new TypeError('The database connection is not open'), 'failed'],
      ['a syntax error (42601)', coded('42601'), 'failed'],
      ['a thrown string', 'oops', 'failed'],
      ['null', null, 'failed'],
    ];
    for (const [what, error, expected] of cases) expect(healthProblemOf(error), what).to.equal(expected);
  });

  it('answers null when the ping answers in time, the kind when it fails or is late', async () => {
    expect(await checkHealth({ ping: () => undefined }, 100)).to.equal(null);
    expect(await checkHealth({ ping: async () => undefined }, 100)).to.equal(null);
    const thrown = await checkHealth({ ping: () => { throw new TypeError('The database connection is not open'); } }, 100);
    expect(thrown?.problem).to.equal('failed');
    expect((thrown?.error as Error).message, 'the cause, for the log').to.contain('not open');
    expect((await checkHealth({ ping: () => Promise.reject(coded('ECONNREFUSED')) }, 100))?.problem).to.equal('unreachable');
    const started = performance.now();
    const late = await checkHealth({ ping: () => new Promise(() => {}) }, 50);
    expect(late?.problem).to.equal('timeout');
    expect(performance.now() - started).to.be.below(1000);
  });
});
