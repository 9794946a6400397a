export * from './bundle';
export { VIGIL_BASE_EXPERTS } from './experts';
