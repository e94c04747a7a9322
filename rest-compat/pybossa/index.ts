export { registerPybossa } from './routes.ts';
