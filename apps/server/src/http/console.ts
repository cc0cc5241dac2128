import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type RequestHandler, Router } from 'express';

const NOT_BUILT = (dir: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>netcanvas: console not built</title>
<style>body{font:15px/1.5 system-ui,sans-serif;background:#0d1117;color:#e6edf3;display:grid;place-items:center;height:100vh;margin:0}
main{max-width:560px;padding:32px;border:1px solid #30363d;border-radius:10px;background:#161b22}
code{background:#0d1117;padding:2px 6px;border-radius:4px;color:#79c0ff}</style></head>
<body><main><h1>The console has not been built</h1>
<p>The API is running (<a style="color:#58a6ff" href="/api/health">/api/health</a>), but there is no console bundle in <code>${escapeHtml(dir)}</code>.</p>
<p>Build it with <code>pnpm --filter @netcanvas/console build</code> and reload this page.</p></main></body></html>`;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Serves the built single-page console, falling back to index.html for client routes. */
export function consoleRoutes(dir: string): Router {
  const router = Router();
  const index = path.join(dir, 'index.html');
  router.use(express.static(dir, { index: false, maxAge: '1h', immutable: false }));
  const fallback: RequestHandler = (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (!existsSync(index)) {
      res.status(503).type('html').send(NOT_BUILT(dir));
      return;
    }
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  };
  router.use(fallback);
  return router;
}
