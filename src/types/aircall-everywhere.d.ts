// aircall-everywhere ships no types; this is the surface of version 2.0.6 (read from its dist/index.js and README).
declare module 'aircall-everywhere' {
  export interface AircallWorkspaceSettings {
    onLogin?: (settings: { user: Record<string, unknown>; settings?: Record<string, unknown> }) => void;
    onLogout?: () => void;
    integrationToLoad?: string;
    domToLoadWorkspace: string;
    size?: 'big' | 'small' | 'auto';
    debug?: boolean;
  }
  export default class AircallWorkspace {
    constructor(settings: AircallWorkspaceSettings);
    on(event: string, callback: (data: any) => void): void;
    removeListener(event: string): boolean;
    send(event: string, data?: unknown, callback?: (success: boolean, data: any) => void): void;
    isLoggedIn(callback: (loggedIn: boolean) => void): void;
  }
}
