import { demoSubject, describeConformance } from '../../src/testing/index.js';

// The conformance suite against the in-memory demo backend: the behavioural reference of the contract.
describeConformance('conformance: demo backend', () => demoSubject());
