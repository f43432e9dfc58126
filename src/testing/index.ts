/**
 * `support-widgets/testing`: the conformance suite of the `SupportBackend` contract, for adapter authors.
 * See docs/adapter.md.
 */
export type { ConformanceControl, ConformanceSubject, ConformanceUnlockLink, SubjectFactory } from './types.js';
export { ConformanceFailure } from './assert.js';
export type { CheckContext, LiveEvents } from './context.js';
export { CONFORMANCE_CHECKS, type ConformanceCheck } from './checks.js';
export {
  describeConformance,
  runCheck,
  runConformance,
  selectChecks,
  type ConformanceOptions,
  type ConformanceReport,
  type ConformanceResult,
  type DescribeConformanceOptions,
} from './run.js';
export { demoSubject, referenceServerSubjects, type ReferenceServerSubject, type ReferenceServerSubjectOptions } from './subjects.js';
