export { createHttpBackend, type HttpBackendOptions } from './http-backend.js';
export { SseParser, type ServerSentEvent, type SseParserCallbacks } from './sse.js';
export { errorFromResponse, kindOfStatus, parseRetryAfter, type ErrorBody } from './errors.js';
