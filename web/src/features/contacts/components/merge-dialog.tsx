import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { contactKey, postMergeContact } from '../../../api/contacts';
import type { Contact } from '../../../api/issue14-types';
import { ContactPicker } from '../../../components/contact-picker';
import { Dialog } from '../../../components/dialog';

/** Picks another contact and merges it into this one (its conversations and notes move here). */
export function MergeDialog({ contact, onClose }: { contact: Contact; onClose: () => void }) {
  const client = useQueryClient();
  const [other, setOther] = useState<Contact | null>(null);
  const merge = useMutation({
    mutationFn: (from: number) => postMergeContact(contact.id, from),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['contact'] });
      void client.invalidateQueries({ queryKey: ['conversations'] });
      void client.invalidateQueries({ queryKey: contactKey(contact.id) });
      onClose();
    },
  });
  return (
    <Dialog title={`Merge into ${contact.name || `#${contact.id}`}`} onClose={onClose} testId="merge-dialog" description="The other contact's conversations and notes move here; its email, name and user id fill what this one lacks; it then points here.">
      {other ? (
        <div className="merge-confirm">
          <p>
            Merge <strong>{other.name || 'Unnamed visitor'}</strong> ({other.email ?? 'no email'}, #{other.id}, {other.chat_count} chats) into this
            contact?
          </p>
          {merge.error ? (
            <p className="form-error" role="alert">
              {merge.error.message}
            </p>
          ) : null}
          <div className="row-actions">
            <button type="button" className="btn btn-danger" onClick={() => merge.mutate(other.id)} disabled={merge.isPending}>
              Merge
            </button>
            <button type="button" className="btn" onClick={() => setOther(null)}>
              Pick another
            </button>
          </div>
        </div>
      ) : (
        <ContactPicker label="Contact to merge in" exclude={[contact.id]} onPick={setOther} />
      )}
    </Dialog>
  );
}
