import { expect } from '@open-wc/testing';
import { ChatSession, createCachingBackend, SupportError, withFaults, type CachedBackend, type FaultyBackend, type SupportBackend } from '../../src/backend/index.js';
import { cacheDatabaseName, openCacheDatabase, type CacheDatabase } from '../../src/backend/cache/db.js';
import type { AttachmentRef, ChatMessage } from '../../src/core/index.js';
import { pngOfSize, sampleFile, SAMPLE_FILES } from '../../src/testing/sample-files.js';
import { testBackends, until } from '../helpers/backend.js';

/**
 * The attachment cache (issue 18, offline files): attachments of the chat log keep working through network faults as
 * its text does — downloaded and own sent files are kept in the user's IndexedDB database, bounded by a byte budget
 * (least recently used go first), with their messages' 21-day retention, and never readable from another scope.
 */

const DAY = 24 * 3600_000;
const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

const refusal = async (promise: Promise<unknown>): Promise<SupportError> => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'expected a failure').to.be.instanceOf(SupportError);
  return error as SupportError;
};

/** Counts the rows of the attachment stores in a scope's database. */
async function storedAttachments(scope: { tenantId: string; userId: string }): Promise<{ records: string[]; files: string[] }> {
  const db = await openCacheDatabase(cacheDatabaseName(scope.tenantId, scope.userId));
  try {
    return { records: await db.getAllKeys('attachments'), files: await db.getAllKeys('attachmentFiles') };
  } finally {
    db.close();
  }
}

describe('caching backend: attachments offline (real IndexedDB)', function () {
  this.timeout(20_000);
  let env: ReturnType<typeof testBackends>;
  let faulty: FaultyBackend;
  const opened: CachedBackend[] = [];
  const sessions: ChatSession[] = [];
  /** A caching backend on the test's scope (a "tab" or a reload: a new instance on the same database). */
  const cache = (inner: SupportBackend = faulty, options: Parameters<typeof createCachingBackend>[1] = {}) => {
    const backend = createCachingBackend(inner, { scope: env.scope, ...options });
    opened.push(backend);
    return backend;
  };
  /** Uploads `file` and sends it with a message straight to the demo backend, as from another device (the cache sees neither). */
  const sentElsewhere = async (clientId: string, file: Blob, name: string): Promise<{ ref: AttachmentRef; message: ChatMessage }> => {
    const ref = await env.demo.uploadAttachment!(file, { clientId: `u-${clientId}`, name, type: file.type });
    const message = await env.demo.sendChatMessage({ clientId, text: '', attachmentIds: [ref.id] });
    return { ref, message };
  };

  beforeEach(() => {
    env = testBackends({ history: false });
    faulty = withFaults(env.demo);
  });
  afterEach(async () => {
    sessions.splice(0).forEach((s) => s.stop());
    opened.splice(0).forEach((c) => c.close());
    await env.cleanup();
  });

  it('downloads once online; offline after a reload the file comes from the cache, with no backend call', async () => {
    const { ref } = await sentElsewhere('c1', sampleFile('png'), 'screenshot.png');
    const first = cache();
    await first.listChatMessages();
    const online = await first.downloadAttachment!(ref.id);
    expect(online.type).to.equal('image/png');
    // The same instance answers from the cache now (it waits for its own write).
    expect(await bytesOf(await first.downloadAttachment!(ref.id))).to.deep.equal(SAMPLE_FILES.png.bytes);
    expect(faulty.calls['downloadAttachment']).to.equal(1);
    first.close();

    faulty.set({ offline: true });
    const reloaded = cache();
    const listed = await reloaded.peek('listChatMessages');
    expect(listed!.value[0]!.attachments![0]!.id).to.equal(ref.id);
    const offline = await reloaded.downloadAttachment!(ref.id);
    expect(offline.type).to.equal('image/png');
    expect(await bytesOf(offline)).to.deep.equal(SAMPLE_FILES.png.bytes);
    expect(faulty.calls['downloadAttachment'], 'no backend call offline').to.equal(1);
    // What is not cached still fails as before: offline is offline.
    const { ref: other } = await sentElsewhere('c2', sampleFile('pdf'), 'export.pdf');
    expect((await refusal(reloaded.downloadAttachment!(other.id))).kind).to.equal('network');
  });

  it("keeps the user's own sent files from the outbox: no download needed, offline after a reload too", async () => {
    const first = cache();
    const session = new ChatSession(first, { retry: { baseMs: 5, maxMs: 40, factor: 2, jitter: 0 } });
    sessions.push(session);
    session.start();
    await until(() => session.status === 'ready');
    await session.send('Der Export ist leer', [sampleFile('png'), sampleFile('pdf')]);
    await until(() => session.pending.length === 0 && session.messages.length === 1, 5000, 'sent');
    const refs = session.messages[0]!.attachments!;
    expect(refs.map((r) => r.type)).to.deep.equal(['image/png', 'application/pdf']);
    session.stop();
    // The cache took them over after the send (in the background); a read waits for that and finds them.
    expect(await bytesOf(await first.downloadAttachment!(refs[0]!.id))).to.deep.equal(SAMPLE_FILES.png.bytes);
    expect(faulty.calls['downloadAttachment'] ?? 0).to.equal(0);
    opened.splice(0).forEach((c) => c.close());
    // The outbox's copies are gone; the cache's stay.
    const db = await openCacheDatabase(cacheDatabaseName(env.scope.tenantId, env.scope.userId));
    expect(await db.count('outboxFiles')).to.equal(0);
    db.close();

    faulty.set({ offline: true });
    const reloaded = cache();
    const png = await reloaded.downloadAttachment!(refs[0]!.id);
    expect(png.type).to.equal('image/png');
    expect(await bytesOf(png)).to.deep.equal(SAMPLE_FILES.png.bytes);
    const pdf = await reloaded.downloadAttachment!(refs[1]!.id);
    expect(pdf.type).to.equal('application/pdf');
    expect(await bytesOf(pdf)).to.deep.equal(SAMPLE_FILES.pdf.bytes);
    expect(faulty.calls['downloadAttachment'] ?? 0, 'never downloaded').to.equal(0);
  });

  it("a download while the send's answer is still on its way waits for the take-over instead of downloading", async () => {
    // The backend has stored the message (its live event can show it) but its answer to the send is held.
    let release!: () => void;
    const answered = new Promise<void>((resolve) => (release = resolve));
    let stored: ChatMessage | undefined;
    const held: SupportBackend = {
      ...faulty,
      sendChatMessage: async (input, signal) => {
        const message = await faulty.sendChatMessage(input, signal);
        stored = message;
        await answered;
        return message;
      },
    };
    const first = cache(held);
    const session = new ChatSession(first, { retry: { baseMs: 5, maxMs: 40, factor: 2, jitter: 0 } });
    sessions.push(session);
    session.start();
    await until(() => session.status === 'ready');
    void session.send('Der Export ist leer', [sampleFile('png')]);
    await until(() => stored !== undefined, 5000, 'stored by the backend');
    const download = first.downloadAttachment!(stored!.attachments![0]!.id);
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    expect(await bytesOf(await download)).to.deep.equal(SAMPLE_FILES.png.bytes);
    expect(faulty.calls['downloadAttachment'] ?? 0, 'taken over, not downloaded').to.equal(0);
    await until(() => session.pending.length === 0, 5000, 'sent');
  });

  it('stays within its byte budget: the least recently used files go, a file larger than the budget is not kept', async () => {
    const size = 1000;
    const files = await Promise.all(['a', 'b', 'c', 'd'].map((k) => sentElsewhere(k, pngOfSize(size), `${k}.png`)));
    const [a, b, c, d] = files.map((f) => f.ref.id) as [string, string, string, string];
    const { ref: huge } = await sentElsewhere('huge', pngOfSize(4000), 'huge.png');
    const first = cache(faulty, { attachmentCacheBytes: 3 * size });
    await first.listChatMessages();
    for (const id of [a, b, c]) await first.downloadAttachment!(id);
    await first.downloadAttachment!(a); // a is used again: b is now the least recently used
    expect(faulty.calls['downloadAttachment']).to.equal(3);
    await first.downloadAttachment!(d);
    await first.downloadAttachment!(huge.id);
    await first.downloadAttachment!(d); // waits for the writes
    expect(faulty.calls['downloadAttachment']).to.equal(5);
    expect((await storedAttachments(env.scope)).records.sort()).to.deep.equal([a, c, d].sort());
    first.close();

    faulty.set({ offline: true });
    const reloaded = cache(faulty, { attachmentCacheBytes: 3 * size });
    for (const id of [a, c, d]) expect((await reloaded.downloadAttachment!(id)).size).to.equal(size);
    expect((await refusal(reloaded.downloadAttachment!(b))).kind, 'evicted').to.equal('network');
    expect((await refusal(reloaded.downloadAttachment!(huge.id))).kind, 'over the budget').to.equal('network');
  });

  it('purges cached files with their messages: aged out of the 21 days, or no longer listed', async () => {
    let clock = Date.now();
    const { ref: old } = await sentElsewhere('old', sampleFile('png'), 'old.png');
    const backend = cache(faulty, { now: () => new Date(clock) });
    await backend.listChatMessages();
    await backend.downloadAttachment!(old.id);
    await backend.downloadAttachment!(old.id);
    expect((await storedAttachments(env.scope)).files).to.deep.equal([old.id]);

    // 22 days later the message is out of the retention: the next listing's prune takes its file along.
    clock += 22 * DAY;
    await backend.listChatMessages();
    await backend.peek('listChatMessages');
    expect(await storedAttachments(env.scope)).to.deep.equal({ records: [], files: [] });

    // A message the server no longer lists (deleted) takes its file along too.
    clock = Date.now();
    let listing: ChatMessage[] = [];
    const inner = withFaults({ ...env.demo, listChatMessages: async () => listing });
    const { ref, message } = await sentElsewhere('gone', sampleFile('pdf'), 'gone.pdf');
    listing = [message];
    const second = cache(inner, { now: () => new Date(clock) });
    await second.listChatMessages();
    await second.downloadAttachment!(ref.id);
    await second.downloadAttachment!(ref.id);
    expect((await storedAttachments(env.scope)).files).to.deep.equal([ref.id]);
    listing = [];
    await second.listChatMessages();
    await second.peek('listChatMessages');
    expect(await storedAttachments(env.scope)).to.deep.equal({ records: [], files: [] });
  });

  it('keeps a file typed by its content: markup that claims to be an image stays inert after an offline reload', async () => {
    const ref: AttachmentRef = { id: 'a-svg', name: 'logo.png', type: 'image/png', size: SAMPLE_FILES.svg.bytes.length };
    const message: ChatMessage = { id: 'm1', clientId: null, seq: 1, author: 'support', authorName: 'Lena', text: '', sentAt: new Date(), attachments: [ref] };
    const lying = withFaults({
      ...env.demo,
      listChatMessages: async () => [message],
      downloadAttachment: async () => new Blob([SAMPLE_FILES.svg.bytes as BlobPart], { type: 'image/svg+xml' }),
    });
    const first = cache(lying);
    await first.listChatMessages();
    expect((await first.downloadAttachment!(ref.id)).type).to.equal('application/octet-stream');
    expect((await first.downloadAttachment!(ref.id)).type, 'from the cache').to.equal('application/octet-stream');
    first.close();
    lying.set({ offline: true });
    const offline = await cache(lying).downloadAttachment!(ref.id);
    expect(offline.type).to.equal('application/octet-stream');
    expect(await bytesOf(offline)).to.deep.equal(SAMPLE_FILES.svg.bytes);
    expect(lying.calls['downloadAttachment']).to.equal(1);
  });

  it("never serves another tenant's or user's cached files", async () => {
    const { ref } = await sentElsewhere('c1', sampleFile('png'), 'screenshot.png');
    const mine = cache();
    await mine.listChatMessages();
    await mine.downloadAttachment!(ref.id);
    await mine.downloadAttachment!(ref.id);
    faulty.set({ offline: true });
    for (const scope of [
      { tenantId: env.scope.tenantId, userId: 'user-other' },
      { tenantId: `${env.scope.tenantId}-other`, userId: env.scope.userId },
    ]) {
      const theirs = createCachingBackend(faulty, { scope });
      opened.push(theirs);
      expect((await refusal(theirs.downloadAttachment!(ref.id))).kind).to.equal('network');
      expect(await storedAttachments(scope)).to.deep.equal({ records: [], files: [] });
      await theirs.clear();
    }
    // Still there for its owner.
    expect(await bytesOf(await mine.downloadAttachment!(ref.id))).to.deep.equal(SAMPLE_FILES.png.bytes);
  });

  it('serves the download when the quota is full, skips caching it and logs in debug only', async () => {
    const { ref } = await sentElsewhere('c1', sampleFile('png'), 'screenshot.png');
    const reported: unknown[] = [];
    const debug: unknown[][] = [];
    const consoleDebug = console.debug;
    console.debug = (...args: unknown[]) => debug.push(args);
    try {
      const full = cache(faulty, { openDatabase: async (name) => quotaFull(await openCacheDatabase(name)), onStorageError: (e) => reported.push(e) });
      await full.listChatMessages();
      const blob = await full.downloadAttachment!(ref.id);
      expect(await bytesOf(blob)).to.deep.equal(SAMPLE_FILES.png.bytes);
      await full.downloadAttachment!(ref.id); // not cached: downloaded again
      expect(faulty.calls['downloadAttachment']).to.equal(2);
    } finally {
      console.debug = consoleDebug;
    }
    expect(reported, 'not reported as a storage problem').to.deep.equal([]);
    expect(debug.length).to.be.greaterThan(0);
    expect((debug[0]![1] as DOMException).name).to.equal('QuotaExceededError');
    expect(await storedAttachments(env.scope)).to.deep.equal({ records: [], files: [] });
  });
});

/** `db`, except that storing an attachment's bytes fails as a full quota does (the transaction aborts). */
function quotaFull(db: CacheDatabase): CacheDatabase {
  const bound = <T extends object>(target: T, property: PropertyKey) => {
    const value = Reflect.get(target, property, target) as unknown;
    return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
  };
  return new Proxy(db, {
    get(target, property) {
      if (property !== 'transaction') return bound(target, property);
      return (...args: Parameters<CacheDatabase['transaction']>) => {
        const tx = (target.transaction as (...a: unknown[]) => ReturnType<CacheDatabase['transaction']>)(...args);
        return new Proxy(tx, {
          get(t, p) {
            if (p !== 'objectStore') return bound(t, p);
            return (name: string) => {
              const store = (t.objectStore as (n: string) => object)(name);
              if (name !== 'attachmentFiles') return store;
              return new Proxy(store, {
                get(s, q) {
                  if (q !== 'put') return bound(s, q);
                  return () => {
                    t.abort();
                    return Promise.reject(new DOMException('The quota is used up (simulated)', 'QuotaExceededError'));
                  };
                },
              });
            };
          },
        });
      };
    },
  });
}
