import { describe, expect, it } from 'vitest';
import type { Contact } from '../../../api/issue14-types';
import { contactChange } from './contact-edit-form';

const contact: Contact = {
  id: 1, name: 'Rita', email: 'rita@example.com', anonymous: false, external_id: null, identity_verified: false,
  attributes: { plan: 'pro', seats: 5, vip: true }, first_seen_at: '2026-11-24T20:00:00.000Z', last_seen_at: null,
  chat_count: 1, average_rating: null, merged_into: null, erased: false,
};

describe('contactChange', () => {
  it('is empty when nothing changed (numbers and booleans compared as their text)', () => {
    const rows = [{ key: 'plan', value: 'pro' }, { key: 'seats', value: '5' }, { key: 'vip', value: 'true' }];
    expect(contactChange(contact, 'Rita', 'rita@example.com', rows)).toEqual({});
  });

  it('sends changed fields, changed or new attributes, and null for removed keys', () => {
    const rows = [{ key: 'plan', value: 'enterprise' }, { key: 'seats', value: '5' }, { key: 'region', value: 'EU' }, { key: ' ', value: 'ignored' }];
    expect(contactChange(contact, ' Rita R. ', 'rita@example.org', rows)).toEqual({
      name: 'Rita R.',
      email: 'rita@example.org',
      attributes: { plan: 'enterprise', region: 'EU', vip: null },
    });
  });
});
