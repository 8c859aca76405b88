import { createContext } from 'react';
import type { ConnectionManager } from './websocket';

/** The page's one ConnectionManager; provided by the page that owns the connection. */
export const RealtimeContext = createContext<ConnectionManager | null>(null);
