// @vitest-environment node
// src/api/openapi.ts is generated from docs/openapi.json and checked in (so tsc, ESLint and editors see the types
// without a generation step, and a change to the description shows its effect on the types in the same diff);
// this test fails when the two drift apart. Fix: `npm run api:types`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiResponse } from './types';

const web = resolve(__dirname, '../..');

describe('the generated API types', () => {
  it('are what openapi-typescript makes of docs/openapi.json now', () => {
    const dir = mkdtempSync(join(tmpdir(), 'livedesk-openapi-ts-'));
    try {
      // The same input as web/redocly.yaml, written elsewhere.
      const config = join(dir, 'redocly.yaml');
      writeFileSync(config, `apis:\n  livedesk:\n    root: ${resolve(web, '../docs/openapi.json')}\n    x-openapi-ts:\n      output: ./openapi.ts\n`);
      execFileSync(process.execPath, [join(web, 'node_modules/openapi-typescript/bin/cli.js'), '--redocly', config], {
        cwd: dir,
        stdio: 'pipe',
      });
      const fresh = readFileSync(join(dir, 'openapi.ts'), 'utf8');
      const checkedIn = readFileSync(join(web, 'src/api/openapi.ts'), 'utf8');
      expect(fresh === checkedIn, 'src/api/openapi.ts is stale: run `npm run api:types`').toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('name real bodies (an unknown path, method or status would make them never, and this would not compile)', () => {
    const login: ApiResponse<'/api/v1/auth/login', 'post'> = {
      access_token: 'token',
      token_type: 'bearer',
      expires_in: 3600,
      user: { id: 1, username: 'ada', name: 'Ada', role: 'admin' },
    };
    const rendered: ApiResponse<'/api/v1/canned-responses/{id}/render', 'post'> = { body: 'Hello' };
    const blocks: ApiResponse<'/api/v1/blocks', 'get'> = { blocks: [] };
    expect([login.user.role, rendered.body, blocks.blocks.length]).toEqual(['admin', 'Hello', 0]);
  });
});
