import { RenderMode, type ServerRoute } from '@angular/ssr';

// Rendered on each request by the Node server (not prerendered at build time).
export const serverRoutes: ServerRoute[] = [{ path: '**', renderMode: RenderMode.Server }];
