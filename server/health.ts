/**
 * The health check of `GET /health` (server/http.ts): pings the database with a deadline and sorts a failure into a
 * kind that is safe to show anyone. No Node or driver imports, so the rules are tested in the browser
 * (test/server/health.test.ts).
 */

/** Why the health check failed, in words safe to show anyone (no host, port, user, database name or driver message). */
export type HealthProblem = 'timeout' | 'unreachable' | 'refused' | 'failed';

export const HEALTH_MESSAGES: Readonly<Record<HealthProblem, string>> = {
  timeout: 'The database did not answer in time',
  unreachable: 'The database cannot be reached (connection refused or lost)',
  refused: 'The database refuses connections (not accepting them, unknown database, credentials or too many clients)',
  failed: 'The database check failed',
};

/**
 * Sorts a failed ping into a `HealthProblem` by its error code only (Node's socket codes, PostgreSQL's SQLSTATE):
 * the message may hold the host, port, user or database name and goes to the log, never into an answer.
 */
export function healthProblemOf(error: unknown): HealthProblem {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  if (/^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT|EPIPE)$/.test(code)) return 'unreachable';
  // SQLSTATE class 08 (connection exception) and 57P01–57P03 (the server shuts down or was shut down).
  if (/^08...$/.test(code) || /^57P0[123]$/.test(code)) return 'unreachable';
  // Class 28 (authentication), 3D000 (no such database), 53300 (too many connections), 55000 (not accepting connections).
  if (/^28...$/.test(code) || code === '3D000' || code === '53300' || code === '55000') return 'refused';
  // node-postgres after the pool or client was ended, or a dropped connection without a code.
  if (/Connection terminated|Cannot use a pool after calling end|Client was closed/.test(String((error as Error | null)?.message ?? ''))) return 'unreachable';
  return 'failed';
}

/** Pings `db`; `null` when it answered within `timeoutMs`, else what went wrong (and the error, for the log). */
export async function checkHealth(db: { ping(): unknown }, timeoutMs: number): Promise<{ problem: HealthProblem; error: unknown } | null> {
  const late = Symbol('late');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<typeof late>((resolve) => (timer = setTimeout(() => resolve(late), timeoutMs)));
  try {
    const answer = await Promise.race([Promise.resolve().then(() => db.ping()), timeout]);
    return answer === late ? { problem: 'timeout', error: new Error(`no answer to SELECT 1 within ${timeoutMs} ms`) } : null;
  } catch (error) {
    return { problem: healthProblemOf(error), error };
  } finally {
    clearTimeout(timer);
  }
}
