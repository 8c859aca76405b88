// The real livedesk binary's REST answers against docs/openapi.json: walks the main flows (login, start chat,
// messages, take, dashboard, notes, transfers, canned responses, blocks, attachments, API tokens, events, webhooks,
// contacts, conversations and search)
// and the errors (400, 401, 403, 404, 409, 413, 415, 429), and validates every response body with Ajv against the
// schema the description gives for that operation and status. A status the operation does not list fails, and so
// does a field the schema does not name (the check adds additionalProperties: false; the published file leaves
// objects open).
// Run from web/: `node e2e/api-schemas.mjs` (scripts/web.sh test does).
import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const artifacts = join(here, 'artifacts');
mkdirSync(artifacts, { recursive: true });
const spec = JSON.parse(readFileSync(join(repo, 'docs/openapi.json'), 'utf8'));

const binary =
  process.env.LIVEDESK_BIN ??
  ['build/asan', 'build/release', 'build/debug'].map((b) => join(repo, b, 'server/livedesk')).find((p) => existsSync(p));
if (!binary) {
  console.error('api-schemas: no server binary (build/asan, build/release or build/debug); build it first');
  process.exit(2);
}

// ---- the description as validators ----

/** Every object schema that names its properties gets additionalProperties: false (only for this check). */
function closeObjects(schema) {
  if (Array.isArray(schema)) return schema.map(closeObjects);
  if (!schema || typeof schema !== 'object') return schema;
  const out = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === 'properties' ? mapValues(v, closeObjects) : closeObjects(v)]));
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}
const mapValues = (o, f) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));
/** A standalone schema: component references point into its own $defs. */
function standalone(schema) {
  const text = JSON.stringify(closeObjects(schema)).replaceAll('"#/components/schemas/', '"#/$defs/');
  return { ...JSON.parse(text), $defs: JSON.parse(JSON.stringify(closeObjects(spec.components.schemas)).replaceAll('"#/components/schemas/', '"#/$defs/')) };
}
const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
addFormats(ajv);
const resolveRef = (node) => (node?.$ref ? { ...node, ...spec.components.responses[node.$ref.split('/').pop()] } : node);

const operations = [];
for (const [path, item] of Object.entries(spec.paths)) {
  const params = (path.match(/\{[^}]+\}/g) ?? []).length;
  const pattern = new RegExp(`^${path.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`);
  for (const [method, operation] of Object.entries(item)) {
    if (!['get', 'put', 'post', 'delete', 'patch'].includes(method)) continue;
    operations.push({ method: method.toUpperCase(), path, pattern, params, operation, validators: new Map() });
  }
}
operations.sort((a, b) => a.params - b.params); // a literal path wins over a template

function findOperation(method, path) {
  return operations.find((o) => o.method === method && o.pattern.test(path));
}
function validatorFor(op, status) {
  if (!op.validators.has(status)) {
    const response = resolveRef(op.operation.responses[String(status)]);
    const schema = response?.content?.['application/json']?.schema;
    op.validators.set(status, response ? { response, validate: schema ? ajv.compile(standalone(schema)) : null } : null);
  }
  return op.validators.get(status);
}
const requestValidators = new Map();
function requestValidatorFor(op) {
  if (!requestValidators.has(op)) {
    const schema = op.operation.requestBody?.content?.['application/json']?.schema;
    requestValidators.set(op, schema ? ajv.compile(standalone(schema)) : null);
  }
  return requestValidators.get(op);
}

// ---- one checked call ----

let port;
const problems = [];
const seen = new Map(); // "METHOD path" -> statuses
let checked = 0;

/**
 * Sends one request and validates the answer against the description. `expect` is the status the flow needs;
 * `raw` sends bytes instead of JSON. Returns the parsed JSON body.
 */
async function call(method, path, { token, body, raw, contentType, expect } = {}) {
  const [pathOnly] = path.split('?');
  const op = findOperation(method, pathOnly);
  const label = `${method} ${path}`;
  if (!op) throw new Error(`${label}: no operation in docs/openapi.json matches`);
  const headers = { Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) };
  let payload;
  if (raw !== undefined) {
    payload = raw;
    headers['Content-Type'] = contentType ?? 'application/octet-stream';
  } else if (body !== undefined) {
    payload = typeof body === 'string' ? body : JSON.stringify(body);
    headers['Content-Type'] = 'application/json';
    const checkRequest = requestValidatorFor(op);
    if (typeof body !== 'string' && expect < 300 && checkRequest && !checkRequest(body))
      problems.push(`${label}: the request the flow sends does not fit the description: ${ajv.errorsText(checkRequest.errors)}`);
  }
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { method, headers, body: payload, signal: AbortSignal.timeout(30_000) });
  const bytes = Buffer.from(await res.arrayBuffer());
  const key = `${op.method} ${op.path}`;
  seen.set(key, new Set([...(seen.get(key) ?? []), res.status]));
  checked++;
  if (expect !== undefined && res.status !== expect)
    throw new Error(`${label}: expected ${expect}, got ${res.status} ${bytes.toString('utf8').slice(0, 300)}`);
  const entry = validatorFor(op, res.status);
  if (!entry) {
    problems.push(`${label}: status ${res.status} is not described for ${key}`);
    return null;
  }
  const media = Object.keys(entry.response.content ?? {})[0];
  if (!media) return null;
  if (media !== 'application/json') return bytes;
  if (!res.headers.get('content-type')?.startsWith('application/json'))
    problems.push(`${label}: Content-Type ${res.headers.get('content-type')}, described as application/json`);
  let json;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    problems.push(`${label}: the body is not JSON`);
    return null;
  }
  if (entry.validate && !entry.validate(json))
    problems.push(`${label} ${res.status}: ${ajv.errorsText(entry.validate.errors, { dataVar: 'body' })}\n    ${JSON.stringify(json).slice(0, 400)}`);
  return json;
}

/** A small valid PNG, so the upload needs no fixture file. */
function png() {
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) {
      c ^= b;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(4, 0);
  header.writeUInt32BE(4, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc(4 * (1 + 4 * 3), 0x80);
  for (let y = 0; y < 4; y++) rows[y * 13] = 0;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

// ---- the flows ----

async function flows() {
  await call('GET', '/healthz', { expect: 200 });
  await call('GET', '/readyz', { expect: 200 });
  await call('GET', '/api/v1/openapi.json', { expect: 200 });

  const login = async (username, password) => (await call('POST', '/api/v1/auth/login', { body: { username, password }, expect: 200 })).access_token;
  const admin = await login('ada', 'admin-password-1');
  const supervisor = await login('sam', 'supervisor-password-1');
  const alice = await login('alice', 'agent-password-1');
  const bob = await login('bob', 'agent-password-2');
  await call('POST', '/api/v1/auth/login', { body: { username: 'alice', password: 'wrong-password' }, expect: 401 });
  await call('POST', '/api/v1/auth/login', { body: { username: 'alice' }, expect: 400 });
  await call('POST', '/api/v1/auth/login', { body: '{"username": ', expect: 400 });
  for (let i = 0; i < 11; i++) await call('POST', '/api/v1/auth/login', { body: { username: 'nobody', password: `guess-${i}` } });
  await call('POST', '/api/v1/auth/login', { body: { username: 'nobody', password: 'guess' }, expect: 429 });

  // Accounts and the audit log.
  await call('GET', '/api/v1/auth/me', { token: alice, expect: 200 });
  await call('GET', '/api/v1/auth/me', { expect: 401 });
  await call('GET', '/api/v1/auth/me', { token: 'not-a-token', expect: 401 });
  const staff = (await call('GET', '/api/v1/staff', { token: supervisor, expect: 200 })).users;
  const id = (name) => staff.find((u) => u.username === name).id;
  await call('GET', '/api/v1/staff', { token: alice, expect: 403 });
  await call('POST', '/api/v1/admin/users', { token: admin, body: { username: 'carol', password: 'agent-password-3', role: 'agent', name: 'Carol' }, expect: 201 });
  await call('POST', '/api/v1/admin/users', { token: admin, body: { username: 'carol', password: 'agent-password-3', role: 'agent' }, expect: 409 });
  await call('POST', '/api/v1/admin/users', { token: admin, body: { username: 'dave', password: 'x', role: 'emperor' }, expect: 400 });
  await call('POST', '/api/v1/admin/users', { token: supervisor, body: { username: 'eve', password: 'agent-password-4', role: 'agent' }, expect: 403 });
  await call('GET', '/api/v1/admin/audit?limit=5', { token: admin, expect: 200 });
  await call('GET', '/api/v1/admin/audit?limit=zero', { token: admin, expect: 400 });

  // Agents away, so the chats wait in the queue.
  await call('PUT', '/api/v1/agent/status', { token: alice, body: { status: 'idle' }, expect: 200 });
  await call('PUT', '/api/v1/agent/status', { token: bob, body: { status: 'idle' }, expect: 200 });
  await call('PUT', '/api/v1/agent/status', { token: bob, body: { status: 'sleeping' }, expect: 400 });

  // A customer starts a chat and writes.
  const started = await call('POST', '/api/v1/chat/sessions', {
    body: { name: 'Casey Customer', email: 'casey@example.com', subject: 'Zipper', message: 'My tent zipper is stuck' },
    expect: 201,
  });
  const chat = started.session_id;
  const customer = started.customer_token;
  await call('POST', '/api/v1/chat/sessions', { body: { name: 'No Mail', email: 'not-an-email' }, expect: 400 });
  await call('POST', '/api/v1/chat/sessions', { body: { email: 'x@example.com' }, expect: 400 });
  await call('GET', `/api/v1/chat/sessions/${chat}`, { token: customer, expect: 200 });
  await call('GET', `/api/v1/chat/sessions/${chat}`, { expect: 401 });
  await call('GET', '/api/v1/chat/sessions/999999', { token: alice, expect: 404 });
  await call('POST', `/api/v1/chat/sessions/${chat}/messages`, { token: customer, body: { body: 'Hello?', client_msg_id: 'c-1' }, expect: 201 });
  await call('POST', `/api/v1/chat/sessions/${chat}/messages`, { token: customer, body: { body: 'Hello?', client_msg_id: 'c-1' }, expect: 200 });
  await call('POST', `/api/v1/chat/sessions/${chat}/messages`, { token: customer, body: { type: 'text' }, expect: 400 });
  await call('POST', `/api/v1/chat/sessions/${chat}/messages`, { token: customer, body: `{"body": "${'x'.repeat(1100 * 1024)}"}`, expect: 413 });
  await call('GET', `/api/v1/chat/sessions/${chat}/messages?after_seq=0&limit=50`, { token: customer, expect: 200 });
  await call('GET', `/api/v1/chat/sessions/${chat}/messages?limit=0`, { token: customer, expect: 400 });

  // Attachments.
  const upload = (await call('POST', `/api/v1/chat/sessions/${chat}/attachments?name=photo.png`, { token: customer, raw: png(), contentType: 'image/png', expect: 201 })).attachment;
  await call('POST', `/api/v1/chat/sessions/${chat}/attachments?name=blob.bin`, { token: customer, raw: Buffer.from([0, 1, 2, 3, 255, 254, 253, 0, 7]), expect: 415 });
  await call('POST', `/api/v1/chat/sessions/${chat}/attachments?name=empty.png`, { token: customer, raw: Buffer.alloc(0), expect: 400 });
  await call('POST', `/api/v1/chat/sessions/${chat}/messages`, { token: customer, body: { type: 'image', attachment_id: upload.id, body: 'a photo' }, expect: 201 });
  await call('POST', `/api/v1/chat/sessions/${chat}/messages`, { token: customer, body: { type: 'image', attachment_id: 'f'.repeat(64) }, expect: 400 });
  await call('GET', `/api/v1/chat/sessions/${chat}/attachments/${upload.id}`, { token: customer, expect: 200 });
  await call('GET', `/api/v1/chat/sessions/${chat}/attachments/${'0'.repeat(64)}`, { token: customer, expect: 404 });

  // The queue, the dashboard and taking.
  await call('GET', '/api/v1/chat/queue', { token: alice, expect: 200 });
  for (const sub of ['overview', 'sessions/active', 'sessions/waiting', 'agents']) {
    await call('GET', `/api/v1/admin/chat-dashboard/${sub}`, { token: supervisor, expect: 200 });
  }
  await call('GET', '/api/v1/admin/chat-dashboard/overview', { token: alice, expect: 403 });
  await call('GET', '/api/v1/admin/chat-dashboard/agents', { expect: 401 });
  await call('POST', `/api/v1/chat/sessions/${chat}/rating`, { token: customer, body: { rating: 5 }, expect: 409 });
  await call('POST', `/api/v1/chat/sessions/${chat}/barge-in`, { token: supervisor, expect: 409 });
  await call('POST', `/api/v1/chat/sessions/${chat}/take`, { token: alice, expect: 200 });
  await call('POST', `/api/v1/chat/sessions/${chat}/take`, { token: bob, expect: 409 });
  await call('GET', '/api/v1/agent/sessions', { token: alice, expect: 200 });
  await call('POST', `/api/v1/chat/sessions/${chat}/messages`, { token: alice, body: { body: 'Hi Casey, let me help', client_msg_id: 'a-1' }, expect: 201 });
  await call('POST', `/api/v1/chat/sessions/${chat}/messages`, { token: bob, body: { body: 'Not my chat' }, expect: 403 }); // not_your_chat
  await call('GET', `/api/v1/chat/sessions/${chat}/messages`, { token: bob, expect: 200 }); // staff read every chat
  await call('POST', `/api/v1/chat/sessions/${chat}/receipts`, { token: customer, body: { up_to_seq: 10, status: 'read' }, expect: 200 });
  await call('POST', `/api/v1/chat/sessions/${chat}/receipts`, { token: alice, body: { up_to_seq: 10, status: 'seen' }, expect: 400 });
  await call('GET', `/api/v1/admin/chat-dashboard/sessions/active`, { token: supervisor, expect: 200 });

  // Notes and whispers.
  const note = (await call('POST', `/api/v1/chat/sessions/${chat}/notes`, { token: alice, body: { body: 'Customer has model X2' }, expect: 201 })).note;
  await call('POST', `/api/v1/chat/sessions/${chat}/notes`, { token: alice, body: { body: '   ' }, expect: 400 });
  await call('GET', `/api/v1/chat/sessions/${chat}/notes`, { token: alice, expect: 200 });
  await call('PATCH', `/api/v1/notes/${note.id}`, { token: alice, body: { body: 'Customer has model X3' }, expect: 200 });
  await call('PATCH', `/api/v1/notes/${note.id}`, { token: supervisor, body: { body: 'mine now' }, expect: 403 }); // not_author
  await call('GET', `/api/v1/chat/sessions/${chat}/notes`, { token: bob, expect: 200 });
  await call('POST', `/api/v1/chat/sessions/${chat}/notes`, { token: bob, body: { body: 'not my chat' }, expect: 403 });
  await call('POST', `/api/v1/chat/sessions/${chat}/whispers`, { token: supervisor, body: { body: 'Offer the replacement' }, expect: 201 });
  await call('POST', `/api/v1/chat/sessions/${chat}/whispers`, { token: alice, body: { body: 'agents do not whisper' }, expect: 403 });
  await call('DELETE', `/api/v1/notes/${note.id}`, { token: alice, expect: 200 });
  await call('DELETE', '/api/v1/notes/999999', { token: alice, expect: 404 });

  // Transfers, assigning, barge-in.
  await call('PUT', '/api/v1/agent/status', { token: bob, body: { status: 'active' }, expect: 200 });
  const transfer = (await call('POST', `/api/v1/chat/sessions/${chat}/transfers`, { token: alice, body: { to_agent_id: id('bob'), reason: 'billing' }, expect: 201 })).transfer;
  await call('POST', `/api/v1/chat/sessions/${chat}/transfers`, { token: alice, body: { to_agent_id: id('bob') }, expect: 409 });
  await call('POST', `/api/v1/chat/sessions/${chat}/transfers`, { token: alice, body: { to_agent_id: id('alice') }, expect: 400 });
  await call('GET', `/api/v1/chat/sessions/${chat}/transfers`, { token: alice, expect: 200 });
  await call('POST', `/api/v1/transfers/${transfer.id}/accept`, { token: alice, expect: 403 });
  await call('POST', `/api/v1/transfers/${transfer.id}/decline`, { token: bob, expect: 200 });
  await call('POST', `/api/v1/transfers/${transfer.id}/accept`, { token: bob, expect: 409 });
  await call('POST', `/api/v1/chat/sessions/${chat}/assign`, { token: supervisor, body: { agent_id: id('bob'), force: true }, expect: 200 });
  await call('POST', `/api/v1/chat/sessions/${chat}/assign`, { token: supervisor, body: { agent_id: 999999 }, expect: 404 });
  await call('POST', `/api/v1/chat/sessions/${chat}/assign`, { token: alice, body: { agent_id: id('alice') }, expect: 403 });
  await call('POST', `/api/v1/chat/sessions/${chat}/barge-in`, { token: supervisor, expect: 200 });
  const back = (await call('POST', `/api/v1/chat/sessions/${chat}/transfers`, { token: bob, body: { to_agent_id: id('alice') }, expect: 201 })).transfer;
  await call('PUT', '/api/v1/agent/status', { token: alice, body: { status: 'active' }, expect: 200 });
  await call('POST', `/api/v1/transfers/${back.id}/accept`, { token: alice, expect: 200 });

  // Canned responses.
  const canned = (await call('POST', '/api/v1/canned-responses', { token: alice, body: { shortcut: 'thanks', title: 'Thanks', body: 'Thanks, {{customer.name}}!' }, expect: 201 })).canned_response;
  await call('POST', '/api/v1/canned-responses', { token: alice, body: { shortcut: 'thanks', title: 'Again', body: 'x' }, expect: 409 });
  await call('POST', '/api/v1/canned-responses', { token: alice, body: { shortcut: 'shared', title: 'Shared', body: 'x', shared: true }, expect: 403 });
  const shared = (await call('POST', '/api/v1/canned-responses', { token: admin, body: { shortcut: 'hello', title: 'Hello', body: 'Hello from {{agent.name}}', shared: true }, expect: 201 })).canned_response;
  await call('GET', '/api/v1/canned-responses?q=/th', { token: alice, expect: 200 });
  await call('PUT', `/api/v1/canned-responses/${canned.id}`, { token: alice, body: { shortcut: 'thanks', title: 'Thank you', body: 'Thank you, {{customer.name}}!' }, expect: 200 });
  await call('PUT', `/api/v1/canned-responses/${canned.id}`, { token: alice, body: { shortcut: 'thanks' }, expect: 400 });
  await call('POST', `/api/v1/canned-responses/${canned.id}/render`, { token: alice, body: { session_id: chat }, expect: 200 });
  await call('POST', `/api/v1/canned-responses/${canned.id}/render`, { token: alice, body: {}, expect: 400 });
  await call('DELETE', `/api/v1/canned-responses/${shared.id}`, { token: bob, expect: 403 });
  await call('DELETE', `/api/v1/canned-responses/${canned.id}`, { token: bob, expect: 403 }); // another agent's own: not_owner
  await call('DELETE', `/api/v1/canned-responses/${canned.id}`, { token: alice, expect: 200 });
  await call('DELETE', `/api/v1/canned-responses/${canned.id}`, { token: alice, expect: 404 });

  // Tags and dispositions (#14).
  const tag = (await call('POST', '/api/v1/admin/tags', { token: admin, body: { name: 'VIP', color: '#ff8800' }, expect: 201 })).tag;
  await call('POST', '/api/v1/admin/tags', { token: admin, body: { name: 'vip' }, expect: 409 });
  await call('POST', '/api/v1/admin/tags', { token: admin, body: { name: 'red', color: 'red' }, expect: 400 });
  await call('POST', '/api/v1/admin/tags', { token: alice, body: { name: 'mine' }, expect: 403 });
  const old = (await call('POST', '/api/v1/admin/tags', { token: admin, body: { name: 'Old' }, expect: 201 })).tag;
  await call('PATCH', `/api/v1/admin/tags/${old.id}`, { token: admin, body: { name: 'Older', color: '' }, expect: 200 });
  await call('PATCH', '/api/v1/admin/tags/999999', { token: admin, body: { name: 'x' }, expect: 404 });
  await call('DELETE', `/api/v1/admin/tags/${old.id}`, { token: admin, expect: 200 });
  await call('GET', '/api/v1/tags?include_archived=true', { token: alice, expect: 200 });
  await call('GET', '/api/v1/tags', { expect: 401 });
  await call('PUT', `/api/v1/conversations/${chat}/tags/${tag.id}`, { token: alice, expect: 200 });
  await call('PUT', `/api/v1/conversations/${chat}/tags/${tag.id}`, { token: bob, expect: 403 });
  await call('PUT', `/api/v1/conversations/${chat}/tags/${old.id}`, { token: alice, expect: 409 });
  await call('PUT', `/api/v1/conversations/${chat}/tags/999999`, { token: alice, expect: 404 });
  await call('DELETE', `/api/v1/conversations/${chat}/tags/${tag.id}`, { token: alice, expect: 200 });
  const solved = (await call('POST', '/api/v1/admin/dispositions', { token: admin, body: { name: 'Solved' }, expect: 201 })).disposition;
  await call('POST', '/api/v1/admin/dispositions', { token: admin, body: { name: 'SOLVED' }, expect: 409 });
  await call('POST', '/api/v1/admin/dispositions', { token: admin, body: { name: ' ' }, expect: 400 });
  const gone = (await call('POST', '/api/v1/admin/dispositions', { token: admin, body: { name: 'Gone' }, expect: 201 })).disposition;
  await call('PATCH', `/api/v1/admin/dispositions/${gone.id}`, { token: admin, body: { name: 'Gone away' }, expect: 200 });
  await call('DELETE', `/api/v1/admin/dispositions/${gone.id}`, { token: admin, expect: 200 });
  await call('DELETE', '/api/v1/admin/dispositions/999999', { token: admin, expect: 404 });
  await call('GET', '/api/v1/dispositions', { token: alice, expect: 200 });
  await call('PUT', '/api/v1/admin/settings/conversations', { token: supervisor, body: { disposition_required: true }, expect: 403 });
  await call('PUT', '/api/v1/admin/settings/conversations', { token: admin, body: { disposition_required: true }, expect: 200 });
  await call('GET', '/api/v1/admin/settings/conversations', { token: alice, expect: 200 });
  await call('POST', `/api/v1/chat/sessions/${chat}/close`, { token: alice, expect: 400 });
  await call('PUT', `/api/v1/conversations/${chat}/disposition`, { token: alice, body: { disposition_id: gone.id }, expect: 400 });
  await call('PUT', `/api/v1/conversations/${chat}/disposition`, { token: bob, body: { disposition_id: solved.id }, expect: 403 });
  await call('PUT', `/api/v1/conversations/${chat}/disposition`, { token: alice, body: { disposition_id: null }, expect: 200 });
  await call('PUT', '/api/v1/conversations/999999/disposition', { token: alice, body: { disposition_id: null }, expect: 404 });
  await call('POST', `/api/v1/chat/sessions/${chat}/close`, { token: alice, body: { disposition_id: solved.id }, expect: 200 });
  await call('PUT', `/api/v1/conversations/${chat}/disposition`, { token: alice, body: { disposition_id: solved.id }, expect: 200 });
  await call('PUT', '/api/v1/admin/settings/conversations', { token: admin, body: { disposition_required: false }, expect: 200 });

  // Closing and rating.
  await call('POST', `/api/v1/chat/sessions/${chat}/close`, { token: alice, expect: 409 });
  await call('POST', `/api/v1/chat/sessions/${chat}/messages`, { token: customer, body: { body: 'still there?' }, expect: 409 });
  await call('POST', `/api/v1/chat/sessions/${chat}/rating`, { token: customer, body: { rating: 6 }, expect: 400 });
  await call('POST', `/api/v1/chat/sessions/${chat}/rating`, { token: customer, body: { rating: 5, comment: 'Quick fix' }, expect: 200 });
  await call('POST', `/api/v1/chat/sessions/${chat}/rating`, { token: customer, body: { rating: 4 }, expect: 409 });

  // Blocks.
  const other = await call('POST', '/api/v1/chat/sessions', { body: { name: 'Spam Bot', email: 'spam@example.com' }, expect: 201 });
  await call('POST', '/api/v1/blocks', { token: supervisor, body: { email: 'spam@example.com', reason: 'spam' }, expect: 201 });
  await call('POST', '/api/v1/blocks', { token: supervisor, body: { email: 'spam@example.com' }, expect: 409 });
  await call('POST', '/api/v1/blocks', { token: supervisor, body: { reason: 'who?' }, expect: 400 });
  await call('POST', '/api/v1/blocks', { token: alice, body: { email: 'x@example.com' }, expect: 403 });
  await call('POST', '/api/v1/chat/sessions', { body: { name: 'Spam Bot', email: 'spam@example.com' }, expect: 403 });
  await call('GET', `/api/v1/chat/sessions/${other.session_id}`, { token: supervisor, expect: 200 });
  await call('GET', '/api/v1/blocks', { token: alice, expect: 200 });
  await call('DELETE', '/api/v1/blocks?email=spam@example.com', { token: supervisor, expect: 200 });
  await call('DELETE', '/api/v1/blocks?email=spam@example.com', { token: supervisor, expect: 404 });
  await call('DELETE', '/api/v1/blocks', { token: supervisor, expect: 400 });

  // Prometheus metrics behind the token.
  await call('GET', '/metrics', { token: 'metrics-test-token', expect: 200 });
  await call('GET', '/metrics', { expect: 401 });

  // API tokens and the event stream.
  const created = (await call('POST', '/api/v1/admin/api-tokens', { token: admin, body: { name: 'warehouse', scopes: ['events:read', 'conversations:read'] }, expect: 201 })).api_token;
  await call('POST', '/api/v1/admin/api-tokens', { token: admin, body: { name: 'bad', scopes: ['everything'] }, expect: 400 });
  await call('POST', '/api/v1/admin/api-tokens', { token: supervisor, body: { name: 'mine', scopes: ['events:read'] }, expect: 403 });
  await call('GET', '/api/v1/admin/api-tokens', { token: admin, expect: 200 });
  const page = await call('GET', '/api/v1/events?after=0&limit=20&wait=0', { token: created.token, expect: 200 });
  await call('GET', `/api/v1/events?after=${page.next_after}&types=message.*&wait=0`, { token: supervisor, expect: 200 });
  await call('GET', '/api/v1/events?after=-1', { token: supervisor, expect: 400 });
  await call('GET', '/api/v1/events?wait=0', { token: alice, expect: 403 });
  await call('GET', `/api/v1/chat/sessions/${chat}`, { token: created.token, expect: 200 });
  await call('GET', '/api/v1/admin/chat-dashboard/overview', { token: created.token, expect: 403 });
  await call('DELETE', `/api/v1/admin/api-tokens/${created.id}`, { token: admin, expect: 200 });
  await call('DELETE', `/api/v1/admin/api-tokens/${created.id}`, { token: admin, expect: 404 });
  await call('GET', '/api/v1/events?wait=0', { token: created.token, expect: 401 });

  // Webhooks (the server allows 127.0.0.1): the endpoint points at a closed local port and is created inactive, so
  // nothing reaches anyone; the manual retry fails to connect and is answered as a recorded attempt.
  const hooks = (await call('POST', '/api/v1/admin/api-tokens', { token: admin, body: { name: 'hooks', scopes: ['webhooks:manage'] }, expect: 201 })).api_token;
  const reader = (await call('POST', '/api/v1/admin/api-tokens', { token: admin, body: { name: 'reader', scopes: ['events:read'] }, expect: 201 })).api_token;
  const url = `http://127.0.0.1:${await freePort()}/hook`;
  const hook = (await call('POST', '/api/v1/admin/webhooks', { token: admin, body: { url, event_types: ['message.*'], active: false }, expect: 201 })).webhook;
  if (!hook.secret || hook.status !== 'paused') throw new Error(`a new inactive webhook: ${JSON.stringify(hook)}`);
  await call('POST', '/api/v1/admin/webhooks', { token: hooks.token, body: { url, event_types: ['*'], secret: 'short' }, expect: 400 });
  await call('POST', '/api/v1/admin/webhooks', { token: admin, body: { url: 'ftp://example.com/', event_types: ['*'] }, expect: 400 });
  await call('POST', '/api/v1/admin/webhooks', { token: admin, body: { url, event_types: ['*'], colour: 'red' }, expect: 400 });
  await call('POST', '/api/v1/admin/webhooks', { token: supervisor, body: { url, event_types: ['*'] }, expect: 403 });
  await call('POST', '/api/v1/admin/webhooks', { token: reader.token, body: { url, event_types: ['*'] }, expect: 403 });
  await call('POST', '/api/v1/admin/webhooks', { body: { url, event_types: ['*'] }, expect: 401 });
  const listed = (await call('GET', '/api/v1/admin/webhooks', { token: hooks.token, expect: 200 })).webhooks;
  if (listed.length !== 1 || 'secret' in listed[0]) throw new Error(`the webhook list: ${JSON.stringify(listed)}`);
  await call('GET', '/api/v1/admin/webhooks', { token: alice, expect: 403 });
  await call('GET', `/api/v1/admin/webhooks/${hook.id}`, { token: admin, expect: 200 });
  await call('GET', '/api/v1/admin/webhooks/999999', { token: admin, expect: 404 });
  await call('PATCH', `/api/v1/admin/webhooks/${hook.id}`, { token: admin, body: { event_types: ['session.*', 'message.created'] }, expect: 200 });
  await call('PATCH', `/api/v1/admin/webhooks/${hook.id}`, { token: admin, body: { secret: 'a-new-secret-of-enough-length' }, expect: 400 });
  await call('PATCH', `/api/v1/admin/webhooks/${hook.id}`, { token: admin, body: { event_types: ['nothing.*'] }, expect: 400 });
  await call('PATCH', '/api/v1/admin/webhooks/999999', { token: admin, body: { active: false }, expect: 404 });
  // Enabled, then paused again at once: whatever it tried in between failed on the closed port.
  const enabled = (await call('POST', `/api/v1/admin/webhooks/${hook.id}/enable`, { token: hooks.token, expect: 200 })).webhook;
  if (enabled.status !== 'active') throw new Error(`an enabled webhook: ${JSON.stringify(enabled)}`);
  await call('PATCH', `/api/v1/admin/webhooks/${hook.id}`, { token: admin, body: { active: false }, expect: 200 });
  await call('POST', '/api/v1/admin/webhooks/999999/enable', { token: admin, expect: 404 });
  const logged = (await call('GET', '/api/v1/events?after=0&limit=1&wait=0', { token: admin, expect: 200 })).events;
  const retried = (await call('POST', `/api/v1/admin/webhooks/${hook.id}/deliveries/${logged[0].position}/retry`, { token: admin, expect: 200 })).attempt;
  if (!retried.manual || retried.status_code !== null || !retried.error) throw new Error(`a retry to a closed port: ${JSON.stringify(retried)}`);
  await call('POST', `/api/v1/admin/webhooks/${hook.id}/deliveries/999999999/retry`, { token: admin, expect: 404 });
  const attempts = await call('GET', `/api/v1/admin/webhooks/${hook.id}/attempts?limit=1`, { token: admin, expect: 200 });
  if (attempts.attempts.length !== 1 || attempts.next_before !== attempts.attempts[0].id) throw new Error(`one page of attempts: ${JSON.stringify(attempts)}`);
  await call('GET', `/api/v1/admin/webhooks/${hook.id}/attempts?before=${attempts.next_before}`, { token: admin, expect: 200 });
  await call('GET', `/api/v1/admin/webhooks/${hook.id}/attempts?limit=0`, { token: admin, expect: 400 });
  await call('GET', '/api/v1/admin/webhooks/999999/attempts', { token: admin, expect: 404 });
  await call('DELETE', `/api/v1/admin/webhooks/${hook.id}`, { token: hooks.token, expect: 204 });
  await call('DELETE', `/api/v1/admin/webhooks/${hook.id}`, { token: admin, expect: 404 });
  await call('POST', `/api/v1/admin/webhooks/${hook.id}/deliveries/${logged[0].position}/retry`, { token: admin, expect: 404 });

  // A chat that ends in the queue.
  const missed = await call('POST', '/api/v1/chat/sessions', { body: { name: 'Gone Soon', email: 'gone@example.com' }, expect: 201 });
  await call('POST', `/api/v1/chat/sessions/${missed.session_id}/close`, { token: missed.customer_token, expect: 200 });
  await call('GET', '/api/v1/admin/chat-dashboard/overview', { token: supervisor, expect: 200 });
  await call('GET', '/api/v1/admin/audit', { token: admin, expect: 200 });

  // #14 privacy: erasing a contact (the missed chat's), with its refusals.
  const erasable = missed.session.customer.id;
  const erase = `/api/v1/contacts/${erasable}/erase`;
  await call('POST', erase, { token: admin, body: {}, expect: 400 });
  await call('POST', erase, { token: supervisor, body: { confirm: true }, expect: 403 });
  await call('POST', erase, { body: { confirm: true }, expect: 401 });
  await call('POST', '/api/v1/contacts/999999/erase', { token: admin, body: { confirm: true }, expect: 404 });
  const stillHere = await call('POST', '/api/v1/chat/sessions', { body: { name: 'Still Here', email: 'here@example.com' }, expect: 201 });
  await call('POST', `/api/v1/contacts/${stillHere.session.customer.id}/erase`, { token: admin, body: { confirm: true }, expect: 409 });
  const erased = (await call('POST', erase, { token: admin, body: { confirm: true }, expect: 200 })).erased;
  if (erased.conversations !== 1) throw new Error(`an erasure: ${JSON.stringify(erased)}`);
  // Contacts: profiles, notes, merges and the widget's identity (docs/api.md, "Contacts and identity").
  const { createHmac } = await import('node:crypto');
  await call('GET', '/api/v1/admin/settings/widget-identity', { token: admin, expect: 200 });
  await call('GET', '/api/v1/admin/settings/widget-identity', { token: alice, expect: 403 });
  const secret = (await call('POST', '/api/v1/admin/settings/widget-identity/rotate', { token: admin, expect: 200 })).secret;
  await call('POST', '/api/v1/admin/settings/widget-identity/rotate', { token: alice, expect: 403 });
  const visitor = (await call('PUT', '/api/v1/chat/visitors/visitor-schema-01', { body: { name: 'Vi', attributes: { page: '/pricing' } }, expect: 200 })).contact_id;
  await call('PUT', '/api/v1/chat/visitors/short', { body: {}, expect: 400 });
  const signed = await call('POST', '/api/v1/chat/sessions', {
    body: { name: 'Una', email: 'una@example.com', visitor_id: 'visitor-schema-01', identity: { user_id: 'una-1', user_hash: createHmac('sha256', secret).update('una-1').digest('hex') } },
    expect: 201,
  });
  await call('POST', '/api/v1/chat/sessions', { body: { name: 'Una', email: 'una@example.com', identity: { user_id: 'una-1', user_hash: '0'.repeat(64) } }, expect: 403 });
  const una = signed.session.customer.id;
  const contactPage = await call('GET', '/api/v1/contacts?limit=1', { token: alice, expect: 200 });
  if (contactPage.next_cursor) await call('GET', `/api/v1/contacts?limit=1&cursor=${encodeURIComponent(contactPage.next_cursor)}`, { token: alice, expect: 200 });
  await call('GET', '/api/v1/contacts?cursor=nonsense', { token: alice, expect: 400 });
  await call('GET', '/api/v1/contacts?q=una', { expect: 401 });
  await call('GET', `/api/v1/contacts/${una}`, { token: alice, expect: 200 });
  await call('GET', `/api/v1/contacts/${visitor}`, { token: alice, expect: 200 });
  await call('GET', '/api/v1/contacts/999999', { token: alice, expect: 404 });
  await call('PATCH', `/api/v1/contacts/${una}`, { token: alice, body: { name: 'Una U', attributes: { plan: 'pro' } }, expect: 200 });
  await call('PATCH', `/api/v1/contacts/${una}`, { token: alice, body: { email: 'here@example.com' }, expect: 409 });
  await call('PATCH', `/api/v1/contacts/${una}`, { token: alice, body: { attributes: { deep: { no: 1 } } }, expect: 400 });
  await call('PATCH', '/api/v1/contacts/999999', { token: alice, body: { name: 'Nobody' }, expect: 404 });
  const cnote = (await call('POST', `/api/v1/contacts/${una}/notes`, { token: alice, body: { body: 'Prefers email' }, expect: 201 })).note;
  await call('POST', `/api/v1/contacts/${una}/notes`, { token: alice, body: { body: '  ' }, expect: 400 });
  await call('PATCH', `/api/v1/contacts/${una}/notes/${cnote.id}`, { token: bob, body: { body: 'Bob was here' }, expect: 403 });
  await call('PATCH', `/api/v1/contacts/${una}/notes/${cnote.id}`, { token: alice, body: { body: 'Prefers email, not phone' }, expect: 200 });
  await call('DELETE', `/api/v1/contacts/${una}/notes/${cnote.id}`, { token: bob, expect: 403 });
  await call('DELETE', `/api/v1/contacts/${una}/notes/${cnote.id}`, { token: admin, expect: 200 });
  await call('DELETE', `/api/v1/contacts/${una}/notes/${cnote.id}`, { token: admin, expect: 404 });
  const goneContact = stillHere.session.customer.id;  // the erased one (above) is gone for good
  await call('POST', `/api/v1/contacts/${una}/merge`, { token: alice, body: { from_contact_id: una }, expect: 400 });
  await call('POST', `/api/v1/contacts/${una}/merge`, { token: alice, body: { from_contact_id: goneContact }, expect: 200 });
  await call('POST', `/api/v1/contacts/${una}/merge`, { token: alice, body: { from_contact_id: 999999 }, expect: 404 });

  // #14 privacy: a contact's export (one merged into it, then the erased one) and the retention setting.
  const exporter = (await call('POST', '/api/v1/admin/api-tokens', { token: admin, body: { name: 'exporter', scopes: ['contacts:read'] }, expect: 201 })).api_token;
  const exported = await call('GET', `/api/v1/contacts/${una}/export`, { token: supervisor, expect: 200 });
  if (!exported.merged_contact_ids.includes(goneContact) || exported.conversations.length < 1) throw new Error(`an export: ${JSON.stringify(exported).slice(0, 400)}`);
  await call('GET', `/api/v1/contacts/${una}/export`, { token: exporter.token, expect: 200 });
  const erasedExport = await call('GET', `/api/v1/contacts/${erasable}/export`, { token: admin, expect: 200 });
  if (!erasedExport.contact.erased || !erasedExport.conversations.every((c) => c.erased)) throw new Error(`an erased contact's export: ${JSON.stringify(erasedExport).slice(0, 400)}`);
  await call('GET', `/api/v1/contacts/${una}/export`, { token: alice, expect: 403 });
  await call('GET', `/api/v1/contacts/${una}/export`, { token: reader.token, expect: 403 });
  await call('GET', `/api/v1/contacts/${una}/export`, { expect: 401 });
  await call('GET', '/api/v1/contacts/999999/export', { token: supervisor, expect: 404 });
  const retention = '/api/v1/admin/settings/retention';
  await call('GET', retention, { token: admin, expect: 200 });
  await call('GET', retention, { token: supervisor, expect: 403 });
  await call('GET', retention, { expect: 401 });
  const kept = await call('PUT', retention, { token: admin, body: { retention_days: 3650 }, expect: 200 });
  if (kept.retention_days !== 3650) throw new Error(`the retention setting: ${JSON.stringify(kept)}`);
  await call('PUT', retention, { token: admin, body: { retention_days: -1 }, expect: 400 });
  await call('PUT', retention, { token: admin, body: {}, expect: 400 });
  await call('PUT', retention, { token: supervisor, body: { retention_days: 30 }, expect: 403 });
  await call('PUT', retention, { body: { retention_days: 30 }, expect: 401 });
  await call('PUT', retention, { token: admin, body: { retention_days: 0 }, expect: 200 });

  // Conversations and search (docs/api.md, "Conversations and search"): the list and its next page, a search with
  // its snippet (the index follows the event log, so the flow polls for the hit), relevance, a transcript, and the
  // refusals.
  const errorCode = async (path, token, status) => (await call('GET', path, { token, expect: status }))?.error?.code;
  const listed1 = await call('GET', '/api/v1/conversations?limit=1', { token: alice, expect: 200 });
  if (listed1.conversations.length !== 1 || !listed1.next_cursor) throw new Error(`a first page of one: ${JSON.stringify(listed1)}`);
  const listed2 = await call('GET', `/api/v1/conversations?limit=1&cursor=${encodeURIComponent(listed1.next_cursor)}`, { token: alice, expect: 200 });
  if (listed2.conversations[0]?.id >= listed1.conversations[0].id) throw new Error(`the second page is older: ${JSON.stringify(listed2)}`);
  let found;
  for (const until = Date.now() + 30_000; ; ) {
    found = await call('GET', '/api/v1/conversations?q=zipper&status=waiting,active,closed', { token: supervisor, expect: 200 });
    if (found.conversations.some((c) => c.id === chat)) break;
    if (Date.now() > until) throw new Error(`the search never found "zipper": ${JSON.stringify(found)}`);
    await new Promise((r) => setTimeout(r, 100)); // polling interval, not a wait for an outcome
  }
  if (!found.conversations.find((c) => c.id === chat).snippet?.some((s) => s.hit)) throw new Error(`a snippet with its hit: ${JSON.stringify(found)}`);
  const ranked = await call('GET', '/api/v1/conversations?q=zip*&sort=relevance&limit=1', { token: alice, expect: 200 });
  if (ranked.next_cursor) await call('GET', `/api/v1/conversations?q=zip*&sort=relevance&limit=1&cursor=${encodeURIComponent(ranked.next_cursor)}`, { token: alice, expect: 200 });
  const transcript = await call('GET', `/api/v1/conversations/${chat}`, { token: bob, expect: 200 });
  if (!transcript.timeline.some((e) => e.kind === 'whisper') || !transcript.timeline.some((e) => e.kind === 'transfer')) throw new Error(`a transcript with whispers and transfers: ${JSON.stringify(transcript).slice(0, 400)}`);
  await call('GET', `/api/v1/conversations/${missed.session_id}`, { token: alice, expect: 200 }); // erased above
  if ((await errorCode('/api/v1/conversations?q=%22tent', alice, 400)) !== 'bad_query') throw new Error('an unclosed quote is bad_query');
  if ((await errorCode(`/api/v1/conversations?limit=1&status=closed&cursor=${encodeURIComponent(listed1.next_cursor)}`, alice, 400)) !== 'bad_cursor') throw new Error('a cursor of other filters is bad_cursor');
  if ((await errorCode('/api/v1/conversations?status=open', alice, 400)) !== 'invalid_query') throw new Error('an unknown status is invalid_query');
  await call('GET', '/api/v1/conversations?sort=relevance', { token: alice, expect: 400 });
  await call('GET', '/api/v1/conversations/999999', { token: alice, expect: 404 });
  await call('GET', '/api/v1/conversations', { token: customer, expect: 401 }); // a customer's token: staff only
  await call('GET', `/api/v1/conversations/${chat}`, { expect: 401 });
  await call('GET', '/api/v1/conversations', { token: reader.token, expect: 403 }); // insufficient_scope
}

// ---- the server ----

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port: p } = s.address();
      s.close(() => ok(p));
    });
  });
}

const dataDir = mkdtempSync(join(tmpdir(), 'livedesk-api-schemas-'));
const env = { ...process.env, ASAN_OPTIONS: process.env.ASAN_OPTIONS ?? 'detect_leaks=0' };
const users = [
  ['ada', 'admin', 'admin-password-1'],
  ['sam', 'supervisor', 'supervisor-password-1'],
  ['alice', 'agent', 'agent-password-1'],
  ['bob', 'agent', 'agent-password-2'],
];
for (const [name, role, password] of users) {
  execFileSync(binary, ['user', 'add', name, '--role', role, '--name', name, '--password-stdin', '--data-dir', dataDir], { input: password, env, stdio: ['pipe', 'ignore', 'inherit'] });
}
port = await freePort();
const log = createWriteStream(join(artifacts, 'api-schemas-server.log'));
const server = spawn(binary, ['serve', '--bind', '127.0.0.1', '--port', String(port), '--data-dir', dataDir, '--metrics-token', 'metrics-test-token', '--webhook-allow', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'pipe'], env });
server.stdout.pipe(log);
server.stderr.pipe(log);
let exited = null;
server.on('exit', (code, signal) => (exited = { code, signal }));

let failure = null;
const started = Date.now();
try {
  const end = Date.now() + 60_000;
  for (;;) {
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false);
    if (ready) break;
    if (exited || Date.now() > end) throw new Error(`the server did not become ready (${JSON.stringify(exited)}; see e2e/artifacts/api-schemas-server.log)`);
    await new Promise((r) => setTimeout(r, 100)); // polling interval, not a wait for an outcome
  }
  await flows();
} catch (err) {
  failure = err;
} finally {
  server.kill('SIGTERM');
  if (!exited) await new Promise((r) => server.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}

const uncovered = operations.filter((o) => !seen.has(`${o.method} ${o.path}`)).map((o) => `${o.method} ${o.path}`);
for (const p of problems) console.log(`  ✗ ${p}`);
if (failure) console.log(`  ✗ flow stopped: ${failure.stack ?? failure}`);
if (uncovered.length) console.log(`  (operations the flows do not reach: ${uncovered.join(', ')})`);
console.log(
  `api-schemas: ${checked} responses of ${seen.size}/${operations.length} operations checked against docs/openapi.json in ${Date.now() - started} ms`,
);
const failed = problems.length + (failure ? 1 : 0);
console.log(`${checked - problems.length} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
