import { useState, type FormEvent, type ReactNode } from 'react';
import type { Session } from '../../../api/types';
import { Dialog } from '../../../components/dialog';
import type { KnownAgent } from '../hooks/agent-state';
import { describeError } from '../hooks/use-agent-console';

const STATUS_LABEL: Record<string, string> = { active: 'active', idle: 'idle', in_call: 'busy', offline: 'offline' };

function agentLabel(a: KnownAgent): string {
  const bits = [a.status ? STATUS_LABEL[a.status] : null, a.activeSessions !== undefined ? `${a.activeSessions} open` : null].filter(Boolean);
  return `${a.name || `Agent #${a.id}`}${bits.length ? ` (${bits.join(', ')})` : ''}`;
}

/** Submits with busy state and shows the server's reason on failure; closes on success. */
function useSubmit(onClose: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = (fn: () => Promise<unknown>) => async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await fn();
      onClose();
    } catch (err) {
      setError(describeError(err));
      setBusy(false);
    }
  };
  return { busy, error, submit };
}

function Actions({ busy, label, danger, onClose }: { busy: boolean; label: string; danger?: boolean; onClose: () => void }) {
  return (
    <div className="dialog-actions">
      <button type="button" className="btn" onClick={onClose}>
        Cancel
      </button>
      <button type="submit" className={`btn ${danger ? 'btn-danger-solid' : 'btn-primary'}`} disabled={busy}>
        {busy ? 'Working…' : label}
      </button>
    </div>
  );
}

function ErrorLine({ error }: { error: string | null }): ReactNode {
  return error ? (
    <p className="form-error" role="alert">
      {error}
    </p>
  ) : null;
}

const QUEUE = 'queue';
const OTHER = 'other';

/** Agent: hand the chat to a colleague (who accepts or declines) or back to the head of the queue. */
export function TransferDialog({
  session,
  agents,
  me,
  onSubmit,
  onClose,
}: {
  session: Session;
  agents: KnownAgent[];
  me: number;
  onSubmit: (toAgentId: number | null, reason: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const others = agents.filter((a) => a.id !== me).sort((a, b) => a.name.localeCompare(b.name));
  const [target, setTarget] = useState<string>(QUEUE);
  const [otherId, setOtherId] = useState('');
  const [reason, setReason] = useState('');
  const { busy, error, submit } = useSubmit(onClose);
  const toId = target === QUEUE ? null : target === OTHER ? Number(otherId) : Number(target);
  const valid = reason.trim() !== '' && (toId === null || (Number.isInteger(toId) && toId > 0));
  return (
    <Dialog
      title={`Transfer chat with ${session.customer.name}`}
      onClose={onClose}
      testId="transfer-dialog"
      description="A colleague has a minute to accept; until then the chat stays with you. Back to the queue is immediate."
    >
      <form className="dialog-body" onSubmit={submit(() => onSubmit(toId, reason.trim()))}>
        <label>
          Send to
          <select value={target} onChange={(e) => setTarget(e.target.value)} data-testid="transfer-target">
            <option value={QUEUE}>Back to the queue (head of the line)</option>
            {others.map((a) => (
              <option key={a.id} value={String(a.id)}>
                {agentLabel(a)}
              </option>
            ))}
            <option value={OTHER}>Another agent by id…</option>
          </select>
        </label>
        {target === OTHER ? (
          <label>
            Agent id
            <input type="number" min={1} inputMode="numeric" value={otherId} onChange={(e) => setOtherId(e.target.value)} required />
          </label>
        ) : null}
        {others.length === 0 ? <p className="hint">Colleagues appear here once they are seen on the floor (status changes, chats).</p> : null}
        <label>
          Reason
          <textarea rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} required placeholder="e.g. needs billing" />
        </label>
        <ErrorLine error={error} />
        <Actions busy={busy || !valid} label={target === QUEUE ? 'Send to queue' : 'Request transfer'} onClose={onClose} />
      </form>
    </Dialog>
  );
}

/** Supervisor: give a waiting or active chat to an agent, optionally over their capacity. */
export function AssignDialog({
  session,
  agents,
  onSubmit,
  onClose,
}: {
  session: Session;
  agents: KnownAgent[];
  onSubmit: (agentId: number, force: boolean) => Promise<unknown>;
  onClose: () => void;
}) {
  const list = agents.filter((a) => a.id !== session.agent?.id).sort((a, b) => a.name.localeCompare(b.name));
  const [agentId, setAgentId] = useState(list[0] ? String(list[0].id) : '');
  const [force, setForce] = useState(false);
  const { busy, error, submit } = useSubmit(onClose);
  return (
    <Dialog
      title={`Assign chat with ${session.customer.name}`}
      onClose={onClose}
      testId="assign-dialog"
      description={session.agent ? `Now with ${session.agent.name}, who will lose it.` : 'Waiting in the queue.'}
    >
      <form className="dialog-body" onSubmit={submit(() => onSubmit(Number(agentId), force))}>
        <label>
          Agent
          <select value={agentId} onChange={(e) => setAgentId(e.target.value)} required data-testid="assign-agent">
            {list.length === 0 ? <option value="">No agents found</option> : null}
            {list.map((a) => (
              <option key={a.id} value={String(a.id)}>
                {agentLabel(a)}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
          <span>Force: assign even if the agent is at capacity</span>
        </label>
        <ErrorLine error={error} />
        <Actions busy={busy || !agentId} label="Assign" onClose={onClose} />
      </form>
    </Dialog>
  );
}

/** Supervisor: block the customer (closes their open chats and sockets; new chats are refused). */
export function BlockDialog({
  session,
  onSubmit,
  onClose,
}: {
  session: Session;
  onSubmit: (reason: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  const { busy, error, submit } = useSubmit(onClose);
  return (
    <Dialog
      title={`Block ${session.customer.name}?`}
      onClose={onClose}
      testId="block-dialog"
      description={`${session.customer.email}: their open chats close at once and new chats from this customer are refused.`}
    >
      <form className="dialog-body" onSubmit={submit(() => onSubmit(reason.trim()))}>
        <label>
          Reason
          <textarea rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} required placeholder="e.g. abusive language" />
        </label>
        <ErrorLine error={error} />
        <Actions busy={busy || !reason.trim()} label="Block customer" danger onClose={onClose} />
      </form>
    </Dialog>
  );
}
