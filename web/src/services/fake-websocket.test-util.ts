import type { WebSocketLike } from './websocket';

/** A scriptable stand-in for the browser WebSocket, for unit tests. */
export class FakeWebSocket implements WebSocketLike {
  static instances: FakeWebSocket[] = [];
  static reset(): void {
    FakeWebSocket.instances = [];
  }
  static last(): FakeWebSocket {
    const ws = FakeWebSocket.instances[FakeWebSocket.instances.length - 1];
    if (!ws) throw new Error('no socket was opened');
    return ws;
  }

  readyState = 0;
  sent: { type: string; data?: Record<string, unknown> }[] = [];
  closedWith: number | undefined;
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number; reason?: string }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;

  constructor(public url: string) {
    FakeWebSocket.instances.push(this);
  }

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('send on a socket that is not open');
    this.sent.push(JSON.parse(data));
  }
  close(code?: number): void {
    this.closedWith = code;
    this.readyState = 3;
  }

  // ---- test controls ----
  serverOpen(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  serverSend(type: string, data: unknown = {}): void {
    this.onmessage?.({ data: JSON.stringify({ type, data, timestamp: new Date().toISOString() }) });
  }
  /** Opens and accepts the auth frame. */
  accept(data: unknown = { user_id: 1, role: 'supervisor' }): void {
    this.serverOpen();
    this.serverSend('auth_success', data);
  }
  serverClose(code = 1006): void {
    this.readyState = 3;
    this.onclose?.({ code });
  }
  /** A connection attempt that fails (connection refused). */
  fail(): void {
    this.onerror?.({});
    this.serverClose(1006);
  }
  types(): string[] {
    return this.sent.map((f) => f.type);
  }
}
