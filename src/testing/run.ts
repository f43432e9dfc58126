import { CONFORMANCE_CHECKS, type ConformanceCheck } from './checks.js';
import { createContext } from './context.js';
import type { SubjectFactory } from './types.js';

export interface ConformanceOptions {
  /** Run only the checks whose `"group: name"` or id contains one of these strings. */
  readonly only?: readonly string[];
  /** Leave out the checks whose `"group: name"` contains one of these strings (say why in your test). */
  readonly skip?: readonly string[];
  /** How long a check waits for a live event, ms. Default 5000. */
  readonly eventTimeoutMs?: number;
}

export interface ConformanceResult {
  /** The check's stable id (docs/api/conformance.md). */
  readonly id: string;
  readonly group: string;
  readonly name: string;
  readonly ok: boolean;
  readonly error: Error | null;
  readonly ms: number;
}

export interface ConformanceReport {
  readonly results: readonly ConformanceResult[];
  readonly passed: number;
  readonly failed: number;
}

const title = (check: ConformanceCheck) => `${check.group}: ${check.name}`;

/** The checks that `options` select. */
export function selectChecks(options: ConformanceOptions = {}): readonly ConformanceCheck[] {
  return CONFORMANCE_CHECKS.filter((check) => {
    const t = `${title(check)} ${check.id}`;
    if (options.only && !options.only.some((s) => t.includes(s))) return false;
    if (options.skip?.some((s) => t.includes(s))) return false;
    return true;
  });
}

/** Runs one check against a fresh subject from `factory`, disposing of it afterwards. Rejects when the rule is broken. */
export async function runCheck(check: ConformanceCheck, factory: SubjectFactory, options: ConformanceOptions = {}): Promise<void> {
  const subject = await factory();
  const { context, finish, abort, release } = createContext(subject.backend, subject.control, options.eventTimeoutMs ?? 5000, factory);
  try {
    await check.run(context);
    finish();
  } finally {
    abort();
    await release();
    await subject.dispose?.();
  }
}

/**
 * Runs every contract rule against backends made by `factory` (one fresh subject per rule), one after another, and
 * reports which held. Framework-free: use it from any test runner, or a script.
 *
 * ```ts
 * const report = await runConformance(() => mySubject());
 * if (report.failed) console.table(report.results.filter((r) => !r.ok));
 * ```
 */
export async function runConformance(factory: SubjectFactory, options: ConformanceOptions = {}): Promise<ConformanceReport> {
  const results: ConformanceResult[] = [];
  for (const check of selectChecks(options)) {
    const started = performance.now();
    try {
      await runCheck(check, factory, options);
      results.push({ id: check.id, group: check.group, name: check.name, ok: true, error: null, ms: performance.now() - started });
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      results.push({ id: check.id, group: check.group, name: check.name, ok: false, error: failure, ms: performance.now() - started });
    }
  }
  const passed = results.filter((r) => r.ok).length;
  return { results, passed, failed: results.length - passed };
}

type Describe = (name: string, body: () => void) => unknown;
type It = (name: string, body: () => Promise<void>) => unknown;

export interface DescribeConformanceOptions extends ConformanceOptions {
  /** The BDD functions to register with; default the globals (`describe`/`it` of mocha, jasmine, jest, vitest). */
  readonly describe?: Describe;
  readonly it?: It;
  /** Per-test time limit, set through the returned test's `timeout()` where the framework has one (mocha). Default 20000. */
  readonly timeoutMs?: number;
}

/**
 * Registers one test per contract rule, grouped with `describe`, in whatever BDD framework is loaded:
 *
 * ```ts
 * import { describeConformance } from 'support-widgets/testing';
 * describeConformance('my backend', () => mySubject());
 * ```
 */
export function describeConformance(name: string, factory: SubjectFactory, options: DescribeConformanceOptions = {}): void {
  const g = globalThis as unknown as { describe?: Describe; it?: It };
  const describe = options.describe ?? g.describe;
  const it = options.it ?? g.it;
  if (!describe || !it) throw new Error('describeConformance needs describe() and it(): pass them in options or load a test framework');
  const checks = selectChecks(options);
  const groups = [...new Set(checks.map((c) => c.group))];
  describe(name, () => {
    for (const group of groups) {
      describe(group, () => {
        for (const check of checks.filter((c) => c.group === group)) {
          const test = it(check.name, () => runCheck(check, factory, options));
          const withTimeout = test as { timeout?: (ms: number) => unknown } | undefined;
          if (typeof withTimeout?.timeout === 'function') withTimeout.timeout(options.timeoutMs ?? 20_000);
        }
      });
    }
  });
}
