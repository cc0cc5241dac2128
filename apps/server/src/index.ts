export { type AppOptions, createApp, DEFAULT_CONSOLE_DIR } from './app.ts';
export { HttpError, type HttpErrorCode } from './errors.ts';
export type { ControllerInfo } from './routes/health.ts';
export { type RunningServer, type ServeOptions, startServer } from './serve.ts';
