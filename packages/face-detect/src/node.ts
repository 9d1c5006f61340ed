export * from './public';
export { createFaceDetector } from './node/create';
