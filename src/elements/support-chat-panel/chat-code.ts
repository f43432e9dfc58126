// What <support-chat-panel> loads with import() when it connects: its view (chat-view.ts) and its session
// (chat-session.ts) in one module, so that a bundler makes one chunk of them. Both use the zone arithmetic (the
// 21-day rule, days and support hours); as two chunks they would share it through a third, which bundlers that do
// not preload a chunk's dependencies (esbuild, rollup) fetch only once one of the two has arrived: a round trip more.
export * from './chat-view.js';
export { ChatSession } from '../../backend/chat/chat-session.js';
