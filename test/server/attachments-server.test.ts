import { describeAttachmentsServer } from './attachments-server.js';

describeAttachmentsServer('sqlite');
