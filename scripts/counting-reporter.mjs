// Counts passed/failed/skipped tests over all sessions and writes them to a JSON file that
// scripts/run-tests.mjs prints as the closing line `N passed, N failed, N skipped`.
import { writeFileSync } from 'node:fs';

function countSuite(suite, counts) {
  for (const test of suite.tests ?? []) {
    if (test.skipped) counts.skipped += 1;
    else if (test.passed) counts.passed += 1;
    else counts.failed += 1;
  }
  for (const child of suite.suites ?? []) countSuite(child, counts);
}

export function countingReporter({ outFile = process.env.SW_COUNTS_FILE } = {}) {
  return {
    onTestRunFinished({ sessions }) {
      const counts = { passed: 0, failed: 0, skipped: 0, brokenFiles: [] };
      for (const session of sessions) {
        if (session.testResults) countSuite(session.testResults, counts);
        // A file that failed to load or threw outside a test counts as one failure.
        if (!session.passed && (session.errors?.length ?? 0) > 0) {
          counts.failed += 1;
          counts.brokenFiles.push(session.testFile);
        }
      }
      if (outFile) writeFileSync(outFile, JSON.stringify(counts));
    },
  };
}
