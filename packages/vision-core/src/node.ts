export * from './public';
export { platform } from './platform/node';
