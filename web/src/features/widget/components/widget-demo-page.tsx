import { useEffect } from 'react';

declare global {
  interface Window {
    LivedeskWidget?: { destroy: () => void };
  }
}

/** /widget: a plain page that embeds the widget exactly as a customer's site would, with one script tag. */
export function WidgetDemoPage() {
  useEffect(() => {
    const script = document.createElement('script');
    script.src = '/widget.js';
    script.async = true;
    script.dataset.livedeskDemo = '';
    document.body.appendChild(script);
    return () => {
      window.LivedeskWidget?.destroy();
      script.remove();
    };
  }, []);
  return (
    <main className="widget-demo">
      <h1>Acme Outdoor Gear</h1>
      <p className="lead">
        A pretend shop page. The chat bubble in the corner is the livedesk widget, embedded with one tag:
      </p>
      <pre>
        <code>{`<script src="${window.location.origin}/widget.js" async></script>`}</code>
      </pre>
      <p>
        Open the bubble, enter a name and an email, and start a chat. Supervisors see it appear in the dashboard's
        waiting queue at once; an agent picks it up in the agent console.
      </p>
      <p>
        <a href="/">Back to livedesk</a>
      </p>
    </main>
  );
}
