export * from './tags.js';
export * from './bytes.js';
export * from './reader.js';
export * from './decode.js';
export * from './time.js';
export * from './encode.js';
export * from './pem.js';
