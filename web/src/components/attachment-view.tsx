import { useEffect, useRef, useState } from 'react';
import type { Attachment } from '../api/types';

/** Fetches an attachment's bytes with the Authorization header (tokens never go in URLs). */
export type AttachmentLoader = (url: string) => Promise<Blob>;

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

const kindOf = (mime: string) =>
  mime.startsWith('image/') ? 'image' : mime.startsWith('audio/') ? 'audio' : mime.startsWith('video/') ? 'video' : 'file';

/**
 * One attachment in a message. Bytes are fetched with the header and shown through a blob: URL
 * (revoked on unmount): images at once, audio and video on request, other files as a download.
 */
export function AttachmentView({ attachment, load }: { attachment: Attachment; load?: AttachmentLoader }) {
  const kind = kindOf(attachment.mime);
  const [blobUrl, setBlobUrl] = useState<string | null>(null);
  const [state, setState] = useState<'idle' | 'loading' | 'error'>('idle');
  const urlRef = useRef<string | null>(null);
  const link = useRef<HTMLAnchorElement>(null);

  useEffect(
    () => () => {
      if (urlRef.current) URL.revokeObjectURL(urlRef.current);
    },
    [],
  );

  const fetchIt = async (): Promise<string | null> => {
    if (urlRef.current) return urlRef.current;
    if (!load) return null;
    setState('loading');
    try {
      const blob = await load(attachment.url);
      const url = URL.createObjectURL(blob);
      urlRef.current = url;
      setBlobUrl(url);
      setState('idle');
      return url;
    } catch {
      setState('error');
      return null;
    }
  };

  useEffect(() => {
    if (kind === 'image') void fetchIt();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per attachment
  }, [attachment.url]);

  const download = async () => {
    const url = await fetchIt();
    if (url && link.current) {
      link.current.href = url;
      link.current.click();
    }
  };

  const label = `${attachment.name} · ${formatBytes(attachment.size)}`;
  return (
    <div className={`attachment attachment-${kind}`} data-testid="attachment">
      {kind === 'image' && blobUrl ? <img src={blobUrl} alt={attachment.name} className="attachment-image" /> : null}
      {(kind === 'audio' || kind === 'video') && blobUrl ? (
        kind === 'audio' ? (
          <audio controls src={blobUrl} className="attachment-media" aria-label={attachment.name} />
        ) : (
          <video controls src={blobUrl} className="attachment-media" aria-label={attachment.name} />
        )
      ) : null}
      <div className="attachment-row">
        <span className="attachment-name" title={attachment.name}>
          {label}
        </span>
        {kind === 'audio' || kind === 'video' ? (
          blobUrl ? null : (
            <button type="button" className="attachment-button" onClick={() => void fetchIt()} disabled={state === 'loading'}>
              {state === 'loading' ? 'Loading…' : 'Play'}
            </button>
          )
        ) : (
          <button type="button" className="attachment-button" onClick={() => void download()} disabled={state === 'loading'}>
            {state === 'loading' ? 'Loading…' : 'Download'}
          </button>
        )}
      </div>
      {state === 'error' ? <span className="attachment-error">Could not load the file.</span> : null}
      {/* Hidden anchor for downloads from the blob: URL. */}
      <a ref={link} download={attachment.name} hidden aria-hidden="true" tabIndex={-1} />
    </div>
  );
}
