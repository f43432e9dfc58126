/**
 * The unlock-dialog page `scripts/bench.mjs` loads (bundled and minified). Query parameters:
 * - `phase=actions&rows=N`: N grants and N logins; reports the time from `show()` (and from each tab switch) to the
 *   first frame that shows the result, the first open (data loads) apart from later opens;
 * - `phase=memory`: exposes `window.__cycles(n)`, which opens and closes the popup n times (the Node side forces
 *   garbage collection and reads the heap between runs).
 */
import { createDemoBackend, type Grant, type SupportBackend, type SupportLogin } from '../src/index.js';
// Straight from its module: through the `export *` chain of src/index.ts, esbuild (0.25, one file without splitting)
// forgets to initialise a module that is also loaded with import() elsewhere. The built dist/ re-exports by name and
// is not affected (checked with the same bundling).
import { validateBackend } from '../src/backend/validate-backend.js';
import { SupportUnlockDialog } from '../src/elements/support-unlock-dialog/support-unlock-dialog.js';

SupportUnlockDialog.define('support-unlock-dialog');

const params = new URLSearchParams(location.search);
const phase = params.get('phase') ?? 'actions';
const rows = Number(params.get('rows') ?? 5000);
const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
/** Waits for the update, then for the frame that shows it (a task queued from rAF runs after that frame). */
const painted = async (el: SupportUnlockDialog) => {
  await el.updateComplete;
  await frame();
  await new Promise((resolve) => setTimeout(resolve));
  return performance.now();
};
const report = (result: unknown) => Object.assign(window, { __bench: result });

function grants(count: number): Grant[] {
  const start = Date.now() - 3600_000;
  return Array.from({ length: count }, (_, i) => {
    const grantedAt = new Date(start - i * 60_000);
    return {
      id: `g-${i}`,
      grantee: { kind: 'employee' as const, id: `e-${i % 13}`, name: `Employee ${i}`, department: { id: 'dep-support', name: 'Support' } },
      dataExport: i % 5 === 0,
      duration: '1h' as const,
      grantedAt,
      endsAt: new Date(grantedAt.getTime() + 3600_000),
      grantedBy: { id: 'user-abecker', name: 'Anna Becker' },
      source: 'dialog' as const,
      revokedAt: null,
      revokedBy: null,
    };
  });
}

function logins(count: number): SupportLogin[] {
  const start = Date.now() - 1800_000;
  return Array.from({ length: count }, (_, i) => {
    const startedAt = new Date(start - i * 60_000);
    return {
      id: `l-${i}`,
      employee: { id: `e-${i % 13}`, name: `Employee ${i % 13}`, department: { id: 'dep-support', name: 'Support' } },
      startedAt,
      endedAt: new Date(startedAt.getTime() + 30_000),
      reason: `Ticket #${48000 + i}: checking the export template`,
      grantId: `g-${i}`,
    };
  });
}

const demo = createDemoBackend({ agentDelayMs: null, loginDelayMs: null, locale: 'en' });
const manyGrants = grants(rows);
const manyLogins = logins(rows);
const backend: SupportBackend = validateBackend({
  ...demo,
  listGrants: async () => manyGrants,
  listLogins: async () => manyLogins,
});

const dialog = document.createElement('support-unlock-dialog') as SupportUnlockDialog;
dialog.lang = 'en';
dialog.backend = backend;
document.body.append(dialog);

async function actions(): Promise<void> {
  const result: Record<string, number[]> = { firstOpen: [], open: [], close: [], 'grant→grants': [], 'grants→logins': [], 'logins→grant': [] };
  let t = performance.now();
  dialog.show();
  await until(() => dialog.session.state === 'fresh');
  result['firstOpen']!.push((await painted(dialog)) - t);
  // Load both overviews once; what follows measures rendering and switching.
  dialog.selectTab('grants');
  await until(() => dialog.grants.state === 'fresh');
  dialog.selectTab('logins');
  await until(() => dialog.logins.state === 'fresh');
  dialog.selectTab('grant');
  await painted(dialog);
  for (let i = 0; i < 10; i += 1) {
    for (const [from, to] of [['grant', 'grants'], ['grants', 'logins'], ['logins', 'grant']] as const) {
      t = performance.now();
      dialog.selectTab(to);
      result[`${from}→${to}`]!.push((await painted(dialog)) - t);
    }
    t = performance.now();
    dialog.close();
    result['close']!.push((await painted(dialog)) - t);
    t = performance.now();
    dialog.show();
    result['open']!.push((await painted(dialog)) - t);
  }
  report({ phase, rows, times: result });
}

async function until(predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 3000 && !predicate(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** Opens and closes the popup n times, each time on the Grants overview, waiting for every frame. */
async function cycles(n: number, tabs: readonly ('grant' | 'grants' | 'logins')[] = ['logins', 'grants']): Promise<number> {
  for (let i = 0; i < n; i += 1) {
    dialog.show();
    dialog.selectTab(tabs[i % tabs.length]!);
    await painted(dialog);
    dialog.close();
    await painted(dialog);
  }
  return document.getElementsByTagName('*').length;
}

if (phase === 'memory') {
  Object.assign(window, { __cycles: cycles });
  dialog.show();
  dialog.selectTab('grants');
  until(() => dialog.grants.state === 'fresh').then(() => painted(dialog)).then(() => report({ phase, ready: true }));
} else {
  actions().catch((error: unknown) => report({ phase, error: String(error) }));
}
