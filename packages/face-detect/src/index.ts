export * from './public';
export { createFaceDetector } from './browser/create';
