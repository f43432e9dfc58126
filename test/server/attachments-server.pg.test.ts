import { describeAttachmentsServer } from './attachments-server.js';

// The same checks on PostgreSQL (a throwaway cluster, scripts/pg-cluster.mjs): bytes in BYTEA, the same isolation.
describeAttachmentsServer('postgres');
