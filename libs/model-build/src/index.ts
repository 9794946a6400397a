export * from './bundle';
export { VIGIL_BASE_EXPERTS } from './experts';
export * from './onnx';
export * from './tfjs';
export * from './npm-tarball';
