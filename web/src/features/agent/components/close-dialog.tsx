import { useState } from 'react';
import type { Disposition } from '../../../api/issue14-types';
import { Dialog } from '../../../components/dialog';

interface Props {
  dispositions: Disposition[];
  required: boolean;
  onSubmit: (dispositionId: number | null) => void;
  onClose: () => void;
}

/** Closing a chat with a close reason (disposition) from the configured list; required when the setting says so. */
export function CloseDialog({ dispositions, required, onSubmit, onClose }: Props) {
  const [pick, setPick] = useState('');
  return (
    <Dialog title="Close chat" onClose={onClose} testId="close-dialog" description={required ? 'A close reason is required.' : 'Optionally say how it ended.'}>
      <form
        className="dialog-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (required && !pick) return;
          onSubmit(pick ? Number(pick) : null);
          onClose();
        }}
      >
        <label>
          Close reason
          <select value={pick} onChange={(e) => setPick(e.target.value)} required={required} data-testid="disposition-select">
            <option value="">{required ? 'Pick one…' : 'None'}</option>
            {dispositions.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <div className="row-actions">
          <button type="submit" className="btn btn-danger" disabled={required && !pick}>
            Close chat
          </button>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
