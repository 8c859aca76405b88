// The one WebSocket connection manager of a page.
//
// - Authenticates with its first frame: {"type":"auth","data":{"token",...}} (the server allows 5 s).
// - Sends a heartbeat every 30 s while live.
// - On a drop it reconnects with exponential backoff (3, 6, 12, 24, 48 s); after those five attempts it
//   falls back to polling REST endpoints (pollers) and keeps trying to reconnect in the background.
// - After a reconnect it re-subscribes opt-in event types and sends the refresh frames
//   (e.g. request_queue_update) so the page catches up.
// - Handlers are registered per event type with on(type, handler); on() returns the release function.
//
// Timings and the WebSocket class are injectable so tests run with fake timers and a fake socket.

export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'polling' | 'closed';

export interface ConnectionState {
  status: ConnectionStatus;
  /** When the last frame or poll result arrived (ms since epoch), null before any. */
  lastUpdateAt: number | null;
  /** Why the manager stopped for good (e.g. auth_failed), if it did. */
  fatalError: string | null;
}

export interface ClientFrame {
  type: string;
  data?: Record<string, unknown>;
}

export type EventHandler<T = unknown> = (data: T, frame: { type: string; timestamp?: string }) => void;

/** A REST endpoint polled while the socket is down; its result is dispatched as eventType. */
export interface Poller {
  eventType: string;
  intervalMs: number;
  fetch: () => Promise<unknown>;
}

/** The part of the browser WebSocket that the manager uses. */
export interface WebSocketLike {
  readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason?: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export type WebSocketFactory = new (url: string) => WebSocketLike;

export const DEFAULT_BACKOFF_MS = [3000, 6000, 12000, 24000, 48000];
export const DEFAULT_HEARTBEAT_MS = 30000;
const OPEN = 1;
const FATAL_CODES = new Set(['auth_failed', 'auth_timeout', 'not_authenticated']);

export interface ConnectionOptions {
  /** Full ws:// or wss:// URL, or a function giving it at connect time. */
  url: string | (() => string);
  /** The auth frame's data, read at every connect (token, resume map, last_seq...). */
  authData: () => Record<string, unknown>;
  backoffMs?: number[];
  heartbeatMs?: number;
  pollers?: Poller[];
  /** Event types the server sends only after `subscribe` (dashboard: message_created, typing_indicator). */
  optInEvents?: string[];
  /** Frames sent after every reconnect (not the first connect) so the page gets fresh data. */
  refreshFrames?: ClientFrame[];
  /** Called after every successful reconnect (not the first connect). */
  onReconnect?: () => void;
  WebSocketImpl?: WebSocketFactory;
}

export class ConnectionManager {
  private readonly opts: Required<Omit<ConnectionOptions, 'onReconnect' | 'WebSocketImpl'>> &
    Pick<ConnectionOptions, 'onReconnect'> & { WebSocketImpl: WebSocketFactory };
  private readonly handlers = new Map<string, Set<EventHandler>>();
  private readonly stateListeners = new Set<() => void>();
  private state: ConnectionState = { status: 'closed', lastUpdateAt: null, fatalError: null };
  private ws: WebSocketLike | null = null;
  private authenticated = false;
  private everConnected = false;
  private running = false;
  private attempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private heartbeatTimer: ReturnType<typeof setInterval> | null = null;
  private pollTimers: ReturnType<typeof setInterval>[] = [];
  private polling = false;

  constructor(options: ConnectionOptions) {
    const Impl = options.WebSocketImpl ?? (globalThis.WebSocket as unknown as WebSocketFactory);
    this.opts = {
      url: options.url,
      authData: options.authData,
      backoffMs: options.backoffMs ?? DEFAULT_BACKOFF_MS,
      heartbeatMs: options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS,
      pollers: options.pollers ?? [],
      optInEvents: options.optInEvents ?? [],
      refreshFrames: options.refreshFrames ?? [],
      onReconnect: options.onReconnect,
      WebSocketImpl: Impl,
    };
  }

  // ---- lifecycle ----

  start(): void {
    if (this.running) return;
    this.running = true;
    this.attempt = 0;
    this.setState({ status: 'connecting', fatalError: null });
    this.open();
  }

  stop(): void {
    this.running = false;
    this.clearReconnect();
    this.stopHeartbeat();
    this.stopPolling();
    const ws = this.ws;
    this.ws = null;
    this.authenticated = false;
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
      try {
        ws.close(1000, 'page closed');
      } catch {
        /* already closed */
      }
    }
    this.setState({ status: 'closed' });
  }

  getState(): ConnectionState {
    return this.state;
  }

  /** For useSyncExternalStore. */
  subscribeState = (listener: () => void): (() => void) => {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  };

  // ---- events ----

  /** Registers a handler for one event type; returns the function that releases it. */
  on<T = unknown>(eventType: string, handler: EventHandler<T>): () => void {
    let set = this.handlers.get(eventType);
    if (!set) {
      set = new Set();
      this.handlers.set(eventType, set);
    }
    const first = set.size === 0;
    set.add(handler as EventHandler);
    if (first && this.opts.optInEvents.includes(eventType)) {
      this.send({ type: 'subscribe', data: { event_types: [eventType] } });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const current = this.handlers.get(eventType);
      if (!current) return;
      current.delete(handler as EventHandler);
      if (current.size === 0) {
        this.handlers.delete(eventType);
        if (this.opts.optInEvents.includes(eventType)) {
          this.send({ type: 'unsubscribe', data: { event_types: [eventType] } });
        }
      }
    };
  }

  /** Number of handlers registered for a type (for tests and diagnostics). */
  handlerCount(eventType?: string): number {
    if (eventType !== undefined) return this.handlers.get(eventType)?.size ?? 0;
    let n = 0;
    for (const set of this.handlers.values()) n += set.size;
    return n;
  }

  /** Sends a frame if the socket is live; returns whether it was sent. */
  send(frame: ClientFrame): boolean {
    if (!this.ws || !this.authenticated || this.ws.readyState !== OPEN) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  /** Runs the poller for eventType at once (used when a refresh is asked for while not live). */
  pollNow(eventType: string): boolean {
    const poller = this.opts.pollers.find((p) => p.eventType === eventType);
    if (!poller) return false;
    this.runPoller(poller, true);
    return true;
  }

  // ---- internals ----

  private setState(patch: Partial<ConnectionState>): void {
    const next = { ...this.state, ...patch };
    if (
      next.status === this.state.status &&
      next.lastUpdateAt === this.state.lastUpdateAt &&
      next.fatalError === this.state.fatalError
    )
      return;
    this.state = next;
    for (const listener of [...this.stateListeners]) listener();
  }

  private dispatch(type: string, data: unknown, timestamp?: string): void {
    const set = this.handlers.get(type);
    if (!set) return;
    for (const handler of [...set]) {
      try {
        handler(data, { type, timestamp });
      } catch (err) {
        console.error(`livedesk: handler for ${type} failed`, err);
      }
    }
  }

  private open(): void {
    this.reconnectTimer = null;
    if (!this.running) return;
    const url = typeof this.opts.url === 'function' ? this.opts.url() : this.opts.url;
    let ws: WebSocketLike;
    try {
      ws = new this.opts.WebSocketImpl(url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    this.authenticated = false;
    ws.onopen = () => {
      ws.send(JSON.stringify({ type: 'auth', data: this.opts.authData() }));
    };
    ws.onmessage = (ev) => this.onFrame(ws, ev.data);
    ws.onclose = (ev) => this.onClose(ws, ev?.code);
    ws.onerror = () => {
      /* a close event follows */
    };
  }

  private onFrame(ws: WebSocketLike, raw: unknown): void {
    if (ws !== this.ws || typeof raw !== 'string') return;
    let frame: { type?: unknown; data?: unknown; timestamp?: string };
    try {
      frame = JSON.parse(raw);
    } catch {
      return;
    }
    if (typeof frame.type !== 'string') return;
    const data = frame.data ?? {};
    if (frame.type === 'auth_success') {
      const reconnected = this.everConnected;
      this.authenticated = true;
      this.everConnected = true;
      this.attempt = 0;
      this.stopPolling();
      this.startHeartbeat();
      this.setState({ status: 'live', lastUpdateAt: Date.now(), fatalError: null });
      const optIn = this.opts.optInEvents.filter((t) => this.handlerCount(t) > 0);
      if (optIn.length > 0) this.send({ type: 'subscribe', data: { event_types: optIn } });
      this.dispatch('auth_success', data, frame.timestamp);
      if (reconnected) {
        for (const f of this.opts.refreshFrames) this.send(f);
        this.opts.onReconnect?.();
      }
      return;
    }
    if (frame.type === 'error' && !this.authenticated) {
      const code = (data as { code?: string }).code;
      if (code && FATAL_CODES.has(code)) {
        // A bad or expired token will not get better by retrying.
        this.dispatch('error', data, frame.timestamp);
        this.fail(code);
        return;
      }
    }
    this.setState({ lastUpdateAt: Date.now() });
    this.dispatch(frame.type, data, frame.timestamp);
  }

  private fail(code: string): void {
    this.stop();
    this.setState({ status: 'closed', fatalError: code });
  }

  private onClose(ws: WebSocketLike, code?: number): void {
    if (ws !== this.ws) return;
    const wasLive = this.authenticated;
    this.ws = null;
    this.authenticated = false;
    this.stopHeartbeat();
    if (!this.running) return;
    // 1012: the server node asks its live clients to resume at once (it may
    // have missed events; another node may take over). Only a socket that was
    // live gets this shortcut, so a server that keeps refusing still backs off.
    if (code === 1012 && wasLive) {
      this.clearReconnect();
      this.setState({ status: 'reconnecting' });
      this.reconnectTimer = setTimeout(() => this.open(), 0);
      return;
    }
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    this.clearReconnect();
    const delays = this.opts.backoffMs;
    if (this.attempt < delays.length) {
      const delay = delays[this.attempt];
      this.attempt += 1;
      this.setState({ status: this.polling ? 'polling' : 'reconnecting' });
      this.reconnectTimer = setTimeout(() => this.open(), delay);
      return;
    }
    // Backoff exhausted: poll REST and keep trying in the background at the longest delay.
    this.startPolling();
    this.setState({ status: 'polling' });
    this.reconnectTimer = setTimeout(() => this.open(), delays[delays.length - 1] ?? 48000);
  }

  private clearReconnect(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
  }

  private startHeartbeat(): void {
    this.stopHeartbeat();
    this.heartbeatTimer = setInterval(() => this.send({ type: 'heartbeat' }), this.opts.heartbeatMs);
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
  }

  private startPolling(): void {
    if (this.polling) return;
    this.polling = true;
    for (const poller of this.opts.pollers) {
      this.runPoller(poller, false);
      this.pollTimers.push(setInterval(() => this.runPoller(poller, false), poller.intervalMs));
    }
  }

  private stopPolling(): void {
    this.polling = false;
    for (const t of this.pollTimers) clearInterval(t);
    this.pollTimers = [];
  }

  private runPoller(poller: Poller, oneShot: boolean): void {
    poller
      .fetch()
      .then((data) => {
        if (!this.running || (!oneShot && !this.polling)) return;
        this.setState({ lastUpdateAt: Date.now() });
        this.dispatch(poller.eventType, data);
      })
      .catch(() => {
        /* the next poll tries again */
      });
  }
}

/** ws:// URL for an API path on the given origin (default: this page's). */
export function wsUrl(path: string, origin: string = window.location.origin): string {
  const url = new URL(path, origin);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/** A client_msg_id: random, unique enough, and available outside secure contexts. */
export function newClientMsgId(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  return `m-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}
