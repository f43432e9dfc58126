import { executeServerCommand } from '@web/test-runner-commands';
import { describeConformance, referenceServerSubjects, type SubjectFactory } from '../../src/testing/index.js';
import { controlFetch } from '../server/control-fetch.js';

// The same conformance suite as conformance-http.test.ts, against the reference server on PostgreSQL: the test
// runner starts a throwaway cluster (scripts/pg-cluster.mjs; `.ci/run` installs Debian's postgresql, locally set
// PG_BIN to a directory with initdb and pg_ctl when they are not under /usr/lib/postgresql) and gives this server a
// fresh database. Without PostgreSQL the start fails and so does this suite: it is never skipped.
let factory: Promise<SubjectFactory> | undefined;
const subjects: SubjectFactory = async () => {
  factory ??= executeServerCommand<{ url: string }, unknown>('reference-server', { action: 'start', name: 'pg-conformance', engine: 'postgres' }).then(
    ({ url }) => referenceServerSubjects(url, { fetch: controlFetch }),
  );
  return (await factory)();
};

describeConformance('conformance: HTTP backend + reference server on PostgreSQL', subjects);
