export { Application, Layout, NetworkObject, Position } from './application.ts';
export { Name, ObjectId, Protocol, Tags } from './common.ts';
export * from './objects.ts';
