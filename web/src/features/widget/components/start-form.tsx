import { useState, type FormEvent } from 'react';
import type { StartChatRequest } from '../../../api/types';

export function StartForm({ onStart, pending, error }: { onStart: (r: StartChatRequest) => void; pending: boolean; error: string | null }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [message, setMessage] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onStart({ name: name.trim(), email: email.trim(), ...(message.trim() ? { message: message.trim() } : {}) });
  };
  return (
    <form className="ldw-form" onSubmit={submit}>
      <p className="ldw-intro">Hi! Tell us who you are and we will connect you with an agent.</p>
      <label>
        Name
        <input name="name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
      </label>
      <label>
        Email
        <input name="email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} required maxLength={320} />
      </label>
      <label>
        How can we help? <span className="ldw-muted">(optional)</span>
        <textarea name="message" rows={3} value={message} onChange={(e) => setMessage(e.target.value)} maxLength={8192} />
      </label>
      {error ? (
        <p className="ldw-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="ldw-btn ldw-btn-primary" disabled={pending}>
        {pending ? 'Starting…' : 'Start chat'}
      </button>
    </form>
  );
}
