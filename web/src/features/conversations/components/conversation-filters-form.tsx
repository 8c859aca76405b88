import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { getDispositions, getTags } from '../../../api/conversations';
import type { ConversationCloseReason, ConversationStatus } from '../../../api/issue14-types';
import type { User } from '../../../api/types';
import { ContactPicker } from '../../../components/contact-picker';
import { getStaff } from '../api/get-staff';
import type { ConversationFilters } from '../hooks/conversation-filters';

interface Props {
  filters: ConversationFilters;
  user: User;
  onChange: (next: ConversationFilters) => void;
}

const STATUSES: ConversationStatus[] = ['waiting', 'active', 'closed'];
const toggle = <T,>(list: T[], v: T) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);
const num = (v: string) => (v === '' ? null : Number(v));

/** The filters beside the search box; every change applies at once. */
export function ConversationFiltersForm({ filters: f, user, onChange }: Props) {
  const set = (patch: Partial<ConversationFilters>) => onChange({ ...f, ...patch });
  const tags = useQuery({ queryKey: ['tags', 'all'], queryFn: () => getTags(true) });
  const dispositions = useQuery({ queryKey: ['dispositions'], queryFn: getDispositions });
  const staff = useQuery({ queryKey: ['staff'], queryFn: getStaff, enabled: user.role !== 'agent', retry: false });
  const [customerName, setCustomerName] = useState<string | null>(null);
  const agents = (staff.data?.users ?? []).filter((u) => u.role === 'agent' || u.id === user.id);
  return (
    <fieldset className="filters" aria-label="Filters">
      <legend className="visually-hidden">Filters</legend>
      <div className="filter-group" role="group" aria-label="Status">
        <span className="filter-label">Status</span>
        {STATUSES.map((s) => (
          <label key={s} className="check">
            <input type="checkbox" checked={f.status.includes(s)} onChange={() => set({ status: toggle(f.status, s) })} /> {s}
          </label>
        ))}
      </div>
      <label className="filter">
        <span className="filter-label">Agent</span>
        <select value={f.agentId ?? ''} onChange={(e) => set({ agentId: num(e.target.value) })}>
          <option value="">Anyone</option>
          <option value={user.id}>Me</option>
          {agents
            .filter((a) => a.id !== user.id)
            .map((a) => (
              <option key={a.id} value={a.id}>
                {a.name || a.username}
              </option>
            ))}
          {f.agentId !== null && f.agentId !== user.id && !agents.some((a) => a.id === f.agentId) ? (
            <option value={f.agentId}>Agent #{f.agentId}</option>
          ) : null}
        </select>
      </label>
      <label className="filter">
        <span className="filter-label">Tag</span>
        <select value={f.tagIds[0] ?? ''} onChange={(e) => set({ tagIds: e.target.value ? [Number(e.target.value)] : [] })}>
          <option value="">Any</option>
          {(tags.data?.tags ?? []).map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
              {t.archived ? ' (archived)' : ''}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span className="filter-label">Disposition</span>
        <select value={f.dispositionId ?? ''} onChange={(e) => set({ dispositionId: num(e.target.value) })}>
          <option value="">Any</option>
          {(dispositions.data?.dispositions ?? []).map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
              {d.archived ? ' (archived)' : ''}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span className="filter-label">Ended as</span>
        <select value={f.closeReason ?? ''} onChange={(e) => set({ closeReason: (e.target.value || null) as ConversationCloseReason | null })}>
          <option value="">Any</option>
          <option value="resolved">resolved</option>
          <option value="missed">missed</option>
          <option value="blocked">blocked</option>
        </select>
      </label>
      <div className="filter-group" role="group" aria-label="Rating">
        <span className="filter-label">Rating</span>
        {[1, 2, 3, 4, 5].map((r) => (
          <label key={r} className="check">
            <input type="checkbox" checked={f.ratings.includes(r)} onChange={() => set({ ratings: toggle(f.ratings, r) })} aria-label={`${r} stars`} />{' '}
            {r}★
          </label>
        ))}
      </div>
      <label className="filter">
        <span className="filter-label">From</span>
        <input type="date" value={f.from} onChange={(e) => set({ from: e.target.value })} />
      </label>
      <label className="filter">
        <span className="filter-label">To</span>
        <input type="date" value={f.to} onChange={(e) => set({ to: e.target.value })} />
      </label>
      <div className="filter filter-customer">
        {f.customerId !== null ? (
          <>
            <span className="filter-label">Customer</span>
            <span>
              {customerName ?? `Contact #${f.customerId}`}{' '}
              <button
                type="button"
                className="btn btn-ghost btn-small"
                onClick={() => {
                  setCustomerName(null);
                  set({ customerId: null });
                }}
              >
                Clear customer
              </button>
            </span>
          </>
        ) : (
          <ContactPicker
            label="Customer"
            onPick={(c) => {
              setCustomerName(c.name || c.email || `#${c.id}`);
              set({ customerId: c.id });
            }}
          />
        )}
      </div>
    </fieldset>
  );
}
