import { executeServerCommand } from '@web/test-runner-commands';
import { describeConformance, referenceServerSubjects, type SubjectFactory } from '../../src/testing/index.js';
import { controlFetch } from '../server/control-fetch.js';

// The conformance suite against createHttpBackend talking to the reference server (SQLite), which the test runner
// starts on a free port (scripts/reference-server-plugin.mjs). Its test-control routes answer no browser, so the
// control calls go through the test runner's Node side (controlFetch).
let factory: Promise<SubjectFactory> | undefined;
const subjects: SubjectFactory = async () => {
  factory ??= executeServerCommand<{ url: string }, unknown>('reference-server', { action: 'start' }).then(({ url }) =>
    referenceServerSubjects(url, { fetch: controlFetch }),
  );
  return (await factory)();
};

describeConformance('conformance: HTTP backend + reference server', subjects);
