/** The app named by `?live=<tenant>/<appId>`; the seam until the server passes the applied app. */
export function liveAppFromUrl(search = window.location.search): string | undefined {
  const raw = new URLSearchParams(search).get('live');
  return raw && /^[A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*$/.test(raw) ? raw : undefined;
}

export function streamUrl(): string {
  const proto = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${proto}//${window.location.host}/api/stream`;
}
