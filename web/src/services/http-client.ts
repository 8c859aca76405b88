import type { ApiErrorBody } from '../api/types';
import { getToken } from './auth-token';

/** A non-2xx answer, with the server's error code. */
export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Bearer token; defaults to the stored staff token. Pass null for none. */
  token?: string | null;
  /** Origin of the server; defaults to this page's. The widget passes the origin of its script. */
  origin?: string;
  signal?: AbortSignal;
}

let unauthorizedListener: (() => void) | null = null;

/** Called when a staff call answers 401 (expired token), so the app can send the user to /login. */
export function onUnauthorized(listener: (() => void) | null): void {
  unauthorizedListener = listener;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const token = options.token === undefined ? getToken() : options.token;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  const url = options.origin ? new URL(path, options.origin).toString() : path;
  const res = await fetch(url, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.signal,
  });
  const text = await res.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (!res.ok) {
    const err = (parsed as ApiErrorBody | null)?.error;
    if (res.status === 401 && options.token === undefined) unauthorizedListener?.();
    throw new ApiError(res.status, err?.code ?? 'http_error', err?.message ?? `${res.status} ${res.statusText}`);
  }
  return parsed as T;
}

/** Headers for a call: Accept, and the bearer token (staff by default) when there is one. */
function authHeaders(token: string | null | undefined): Record<string, string> {
  const t = token === undefined ? getToken() : token;
  return t ? { Authorization: `Bearer ${t}` } : {};
}

async function failure(res: Response, staff: boolean): Promise<ApiError> {
  let err: ApiErrorBody['error'] | undefined;
  try {
    err = ((await res.json()) as ApiErrorBody | null)?.error;
  } catch {
    err = undefined;
  }
  if (res.status === 401 && staff) unauthorizedListener?.();
  return new ApiError(res.status, err?.code ?? 'http_error', err?.message ?? `${res.status} ${res.statusText}`);
}

/** POSTs raw bytes (a file upload) and parses the JSON answer. */
export async function uploadBytes<T>(path: string, file: Blob, options: Omit<RequestOptions, 'method' | 'body'> = {}): Promise<T> {
  const url = options.origin ? new URL(path, options.origin).toString() : path;
  const res = await fetch(url, {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': file.type || 'application/octet-stream', ...authHeaders(options.token) },
    body: file,
    signal: options.signal,
  });
  if (!res.ok) throw await failure(res, options.token === undefined);
  return (await res.json()) as T;
}

/** GETs bytes with the Authorization header (never a token in the URL), for a blob: URL. */
export async function fetchBlob(path: string, options: Omit<RequestOptions, 'method' | 'body'> = {}): Promise<Blob> {
  const url = options.origin ? new URL(path, options.origin).toString() : path;
  const res = await fetch(url, { headers: authHeaders(options.token), signal: options.signal });
  if (!res.ok) throw await failure(res, options.token === undefined);
  return res.blob();
}

export const http = {
  get: <T>(path: string, opts?: Omit<RequestOptions, 'method' | 'body'>) => request<T>(path, { ...opts, method: 'GET' }),
  post: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'method' | 'body'>) =>
    request<T>(path, { ...opts, method: 'POST', body: body ?? {} }),
  put: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'method' | 'body'>) =>
    request<T>(path, { ...opts, method: 'PUT', body: body ?? {} }),
  patch: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'method' | 'body'>) =>
    request<T>(path, { ...opts, method: 'PATCH', body: body ?? {} }),
  del: <T>(path: string, opts?: Omit<RequestOptions, 'method' | 'body'>) => request<T>(path, { ...opts, method: 'DELETE' }),
};
