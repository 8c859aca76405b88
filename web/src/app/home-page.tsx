import { Link } from 'react-router';

/** `/`: what livedesk is, and where to go. */
export function HomePage() {
  return (
    <main className="home-page">
      <section className="hero">
        <h1>livedesk</h1>
        <p className="lead">
          Real-time customer-support chat: customers write from a small widget on any web page, agents answer from a
          console, and supervisors watch the whole floor live.
        </p>
        <nav className="home-links" aria-label="Main">
          <Link className="btn btn-primary" to="/login">
            Staff sign in
          </Link>
          <Link className="btn" to="/dashboard">
            Supervisor dashboard
          </Link>
          <Link className="btn" to="/agent">
            Agent console
          </Link>
          <Link className="btn" to="/widget">
            Try the chat widget
          </Link>
        </nav>
      </section>
      <section className="home-cards">
        <article className="card">
          <h2>Dashboard</h2>
          <p>Live queue with wait times, active chats, agent status, satisfaction and message analytics.</p>
        </article>
        <article className="card">
          <h2>Agent console</h2>
          <p>Set your status, pick up chats from the queue, answer with typing indicators and read receipts.</p>
        </article>
        <article className="card">
          <h2>Embeddable widget</h2>
          <p>
            One tag on any page: <code>{'<script src="https://your-livedesk/widget.js" async></script>'}</code>
          </p>
        </article>
      </section>
    </main>
  );
}
