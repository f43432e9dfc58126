import { expect } from '@open-wc/testing';
import {
  ChatSession,
  createCachingBackend,
  SupportError,
  withFaults,
  type SupportBackend,
} from '../../src/backend/index.js';
import { openCacheDatabase, type CacheDatabase } from '../../src/backend/cache/db.js';
import { ATTACHMENT_MAX_BYTES } from '../../src/core/index.js';
import { pngOfSize, sampleFile, SAMPLE_FILES } from '../../src/testing/sample-files.js';
import { testBackends, until } from '../helpers/backend.js';

const FAST = { baseMs: 5, maxMs: 40, factor: 2, jitter: 0.5 };

const refusal = async (promise: Promise<unknown>): Promise<SupportError> => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'expected a refusal').to.be.instanceOf(SupportError);
  return error as SupportError;
};

describe('chat: attachments through the outbox (real IndexedDB)', () => {
  let env: ReturnType<typeof testBackends>;
  const sessions: ChatSession[] = [];
  const caches: ReturnType<typeof createCachingBackend>[] = [];
  const cache = (inner: SupportBackend, openDatabase?: (name: string) => Promise<CacheDatabase>) => {
    const backend = createCachingBackend(inner, { scope: env.scope, ...(openDatabase ? { openDatabase } : {}) });
    caches.push(backend);
    return backend;
  };
  const open = (backend: SupportBackend) => {
    const session = new ChatSession(backend, { retry: FAST });
    sessions.push(session);
    session.start();
    return session;
  };
  beforeEach(() => {
    env = testBackends({ history: false });
  });
  afterEach(async () => {
    sessions.splice(0).forEach((s) => s.stop());
    caches.splice(0).forEach((c) => c.close());
    await env.cleanup();
  });

  it('offline → reload → online: the message is sent exactly once, with its files, each uploaded once', async () => {
    const offline = withFaults(env.demo, { offline: true });
    const cachedOffline = cache(offline);
    const first = open(cachedOffline);
    expect(first.attachmentsEnabled).to.equal(true);
    const clientId = await first.send('Der Export ist leer', [sampleFile('png'), sampleFile('pdf')]);
    expect(first.pending[0]!.attachments.map((a) => [a.name, a.type, a.uploaded])).to.deep.equal([
      ['screenshot.png', 'image/png', false],
      ['export.pdf', 'application/pdf', false],
    ]);
    await until(() => first.pending[0]?.state === 'failed');
    expect(first.pending[0]).to.include({ error: 'network', retrying: true });
    const preview = await first.pendingFile(first.pending[0]!.attachments[0]!.clientId);
    expect(preview!.size).to.equal(SAMPLE_FILES.png.bytes.length);
    first.stop();
    cachedOffline.close();

    // The reload: a new session over the same database finds the record and its files there.
    const stored = await env.cached.outbox.list();
    expect(stored.map((r) => r.clientId)).to.deep.equal([clientId]);
    const storedFile = await env.cached.outbox.file(stored[0]!.attachments![1]!.clientId);
    expect(new Uint8Array(await storedFile!.arrayBuffer())).to.deep.equal(SAMPLE_FILES.pdf.bytes);

    const online = withFaults(env.demo);
    const second = open(cache(online));
    await until(() => second.pending.length === 0 && second.messages.some((m) => m.clientId === clientId), 5000);
    expect(env.demo.control.chatMessageCount(clientId)).to.equal(1);
    expect(online.calls['uploadAttachment']).to.equal(2);
    expect(online.calls['sendChatMessage']).to.equal(1);
    const sent = second.messages.find((m) => m.clientId === clientId)!;
    expect(sent.attachments!.map((a) => [a.name, a.type, a.size])).to.deep.equal([
      ['screenshot.png', 'image/png', SAMPLE_FILES.png.bytes.length],
      ['export.pdf', 'application/pdf', SAMPLE_FILES.pdf.bytes.length],
    ]);
    const downloaded = await second.downloadAttachment(sent.attachments![0]!);
    expect(downloaded.type).to.equal('image/png');
    expect(new Uint8Array(await downloaded.arrayBuffer())).to.deep.equal(SAMPLE_FILES.png.bytes);
    // Sent: the files left the outbox.
    expect(await env.cached.outbox.list()).to.deep.equal([]);
    expect(await env.cached.outbox.file(stored[0]!.attachments![0]!.clientId)).to.equal(undefined);
  });

  it('a lost upload answer and a lost send answer cost no duplicate: the same clientIds are sent again', async () => {
    const faulty = withFaults(env.demo, { dropRate: 1, methods: ['uploadAttachment'] });
    const session = open(cache(faulty));
    const clientId = await session.send('', [sampleFile('txt')]);
    await until(() => session.pending[0]?.state === 'failed');
    faulty.set({ dropRate: 1, methods: ['sendChatMessage'] });
    session.flush();
    await until(() => (faulty.calls['sendChatMessage'] ?? 0) >= 1);
    faulty.set({ dropRate: 0, methods: null });
    session.flush();
    await until(() => session.pending.length === 0, 5000);
    expect(env.demo.control.chatMessageCount(clientId)).to.equal(1);
    const [message] = (await env.demo.listChatMessages()).filter((m) => m.clientId === clientId);
    expect(message!.attachments!.length).to.equal(1);
    expect(faulty.calls['uploadAttachment']).to.be.greaterThan(1);
  });

  it('shows upload progress, file by file', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: SupportBackend = Object.assign(Object.create(env.demo) as SupportBackend, {
      uploadAttachment: async (file: Blob, meta: Parameters<NonNullable<SupportBackend['uploadAttachment']>>[1], options: Parameters<NonNullable<SupportBackend['uploadAttachment']>>[2] = {}) => {
        options.onProgress?.(Math.floor(file.size / 2), file.size);
        await gate;
        return env.demo.uploadAttachment!(file, meta, options);
      },
    });
    const session = open(cache(slow));
    await session.send('Bitte ansehen', [sampleFile('jpeg')]);
    await until(() => (session.pending[0]?.attachments[0]?.sent ?? 0) > 0);
    const half = session.pending[0]!.attachments[0]!;
    expect(half.sent).to.equal(Math.floor(half.size / 2));
    expect(half.uploaded).to.equal(false);
    release();
    await until(() => session.pending.length === 0);
  });

  it('refuses what cannot be sent and queues nothing (the caller keeps text and files)', async () => {
    const session = open(cache(env.demo));
    const checks: [Blob[], string][] = [
      [[pngOfSize(ATTACHMENT_MAX_BYTES + 1)], 'attachment-too-large'],
      [[sampleFile('svg')], 'attachment-type-refused'],
      [[sampleFile('htmlAsPng')], 'attachment-type-refused'],
      [[new File([], 'empty.txt')], 'attachment-empty'],
      [Array.from({ length: 6 }, () => sampleFile('txt')), 'attachments-too-many'],
    ];
    for (const [files, reason] of checks) {
      const error = await refusal(session.send('x', files));
      expect([error.kind, error.reason], reason).to.deep.equal(['invalid-request', reason]);
    }
    expect((await refusal(session.send('   '))).reason).to.equal('empty');
    expect(session.pending).to.deep.equal([]);
    expect(await env.cached.outbox.list()).to.deep.equal([]);
  });

  it('a full storage quota is a storage-full error: nothing is queued, nothing silently dropped', async () => {
    // The browser's quota cannot be filled in a test run: the database is real, only the file write reports what
    // Chromium reports when the quota is used up (the transaction is aborted).
    const quotaFull = async (name: string): Promise<CacheDatabase> => {
      const real = await openCacheDatabase(name);
      const bound = <T extends object>(target: T, key: PropertyKey): unknown => {
        const value = Reflect.get(target, key, target) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      };
      return new Proxy(real, {
        get(target, key) {
          if (key !== 'transaction') return bound(target, key);
          return (stores: never, mode: never) => {
            const tx = target.transaction(stores, mode);
            return new Proxy(tx, {
              get(t, k) {
                if (k !== 'objectStore') return bound(t, k);
                return (store: string) => {
                  const real = t.objectStore(store as never);
                  if (store !== 'outboxFiles') return real;
                  return new Proxy(real, {
                    get(os, j) {
                      if (j !== 'put') return bound(os, j);
                      return () => {
                        t.abort();
                        return Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
                      };
                    },
                  });
                };
              },
            });
          };
        },
      });
    };
    const session = open(cache(env.demo, quotaFull));
    const error = await refusal(session.send('Mit Datei', [sampleFile('png')]));
    expect(error.kind).to.equal('storage-full');
    expect(session.pending).to.deep.equal([]);
    // Text alone still goes.
    const clientId = await session.send('Ohne Datei');
    await until(() => session.pending.length === 0);
    expect(env.demo.control.chatMessageCount(clientId)).to.equal(1);
  });
});
