export * from './types.js';
export * from './zone.js';
export * from './durations.js';
export * from './retention.js';
export * from './support-hours.js';
export * from './callback-windows.js';
export * from './hotline.js';
export * from './phone.js';
