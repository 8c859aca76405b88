// Entry of dist/widget.js: <script src="https://livedesk.example/widget.js" async></script>
// Finds the server origin from its own src, and mounts the chat bubble in a shadow root so the
// host page's styles and ours do not mix.
import { createRoot, type Root } from 'react-dom/client';
import { ChatWidget } from './components/chat-widget';
import css from './components/widget.css?inline';

const HOST_ID = 'livedesk-widget-host';
let root: Root | null = null;

function scriptOrigin(): string {
  const current = document.currentScript as HTMLScriptElement | null;
  const src =
    current?.src ||
    Array.from(document.getElementsByTagName('script'))
      .map((s) => s.src)
      .find((s) => /\/widget\.js(\?|#|$)/.test(s)) ||
    window.location.href;
  return new URL(src, window.location.href).origin;
}

const origin = scriptOrigin();

export function mount(): void {
  if (document.getElementById(HOST_ID)) return;
  const host = document.createElement('div');
  host.id = HOST_ID;
  document.body.appendChild(host);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = css;
  shadow.appendChild(style);
  const container = document.createElement('div');
  shadow.appendChild(container);
  root = createRoot(container);
  root.render(<ChatWidget origin={origin} />);
}

export function destroy(): void {
  root?.unmount();
  root = null;
  document.getElementById(HOST_ID)?.remove();
}

if (document.body) mount();
else document.addEventListener('DOMContentLoaded', mount, { once: true });
