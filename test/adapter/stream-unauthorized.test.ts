/**
 * A 401 on the event stream reaches the elements (issue 16, item 2): the HTTP backend against the reference server;
 * the user is signed out on the server, the stream reconnects and is refused, and the elements show the signed-out
 * state instead of retrying in silence.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/define/all.js';
import { provideBackend, type SupportEvent } from '../../src/index.js';
import { referenceServerSubjects, type ReferenceServerSubject } from '../../src/testing/index.js';
import { textOf, until } from '../helpers/backend.js';
import { controlFetch } from '../server/control-fetch.js';

describe('a 401 on the event stream', function () {
  this.timeout(30_000);
  let subject: ReferenceServerSubject;
  /** Aborts the open event streams (as a network hiccup would), so the backend reconnects. */
  const streams: AbortController[] = [];
  const dropStreams = () => streams.splice(0).forEach((c) => c.abort());

  beforeEach(async () => {
    const { url } = await executeServerCommand<{ url: string }, unknown>('reference-server', { action: 'start' });
    subject = await referenceServerSubjects(url, {
      // The test-control routes answer no browser: control calls go through the test runner's Node side.
      fetch: controlFetch,
      backend: {
        fetch: (input, init = {}) => {
          if (!String(input).endsWith('/events')) return fetch(input, init);
          const own = new AbortController();
          init.signal?.addEventListener('abort', () => own.abort(init.signal!.reason), { once: true });
          streams.push(own);
          return fetch(input, { ...init, signal: own.signal });
        },
      },
    })();
  });
  afterEach(async () => {
    dropStreams();
    await subject?.dispose?.();
  });

  it('reaches subscribers as connection: unauthorized, and the elements show the signed-out state', async () => {
    const root = await fixture<HTMLDivElement>(html`<div lang="en">
      <support-unlock-dialog inline tab="grant" time-zone="Europe/Berlin"></support-unlock-dialog>
      <support-access-indicator></support-access-indicator>
    </div>`);
    provideBackend(root, subject.backend);
    const events: SupportEvent[] = [];
    const controller = new AbortController();
    subject.backend.subscribe((e) => events.push(e), controller.signal);
    const dialog = root.querySelector('support-unlock-dialog')!;
    const indicator = root.querySelector('support-access-indicator')!;
    await until(() => /Grant/.test(textOf(dialog.shadowRoot)) && !/Loading/.test(textOf(dialog.shadowRoot)), 8000, 'the dialog');
    await until(() => events.some((e) => e.type === 'connection' && e.state === 'open'), 8000, 'the stream');

    // A support login against a grant makes the indicator show somebody.
    const grant = await subject.backend.createGrant({ grantee: { kind: 'department', id: (await subject.backend.searchStaff('')).departments[0]!.id }, dataExport: false, duration: '1h' });
    expect(grant.id).to.be.a('string');
    await subject.control.startSupportLogin('a check');
    await until(() => /since/.test(textOf(indicator.shadowRoot)), 8000, 'the indicator');

    await subject.control.signOut();
    dropStreams();
    await until(() => events.some((e) => e.type === 'connection' && e.state === 'unauthorized'), 8000, 'connection: unauthorized');
    await until(() => /session has ended/i.test(textOf(dialog.shadowRoot)), 8000, `the dialog's signed-out state: ${textOf(dialog.shadowRoot)}`);
    await until(() => textOf(indicator.shadowRoot) === '', 3000, 'the indicator forgets the logins');
    await expect(dialog).to.be.accessible();
    const opened = streams.length;
    await new Promise((r) => setTimeout(r, 600));
    expect(streams.length, 'no reconnect after the refusal').to.equal(opened);
    controller.abort();
  });
});
