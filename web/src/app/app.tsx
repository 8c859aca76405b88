import { lazy, Suspense, useCallback, useState } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes, useNavigate } from 'react-router';
import type { Role, User } from '../api/types';
import { Shimmer } from '../components/panel';
import { LoginPage } from '../features/auth/components/login-page';
import { homeFor } from '../features/auth/hooks/use-login';
import { HomePage } from './home-page';
import { RequireRole } from './require-role';
import { ApiError } from '../services/http-client';
import { useAuthState } from './use-auth-state';

// Pages with heavy parts (charts) load on demand, so / and /login stay small.
const DashboardPage = lazy(() =>
  import('../features/dashboard/components/dashboard-page').then((m) => ({ default: m.DashboardPage })),
);
const AgentPage = lazy(() => import('../features/agent/components/agent-page').then((m) => ({ default: m.AgentPage })));
const ConversationsPage = lazy(() =>
  import('../features/conversations/components/conversations-page').then((m) => ({ default: m.ConversationsPage })),
);
const TranscriptPage = lazy(() =>
  import('../features/conversations/components/transcript-page').then((m) => ({ default: m.TranscriptPage })),
);
const ContactPage = lazy(() => import('../features/contacts/components/contact-page').then((m) => ({ default: m.ContactPage })));
const WidgetDemoPage = lazy(() =>
  import('../features/widget/components/widget-demo-page').then((m) => ({ default: m.WidgetDemoPage })),
);

const STAFF: Role[] = ['agent', 'supervisor', 'admin'];

function AppRoutes() {
  const navigate = useNavigate();
  const { auth, logout, loggedIn } = useAuthState();
  const user = auth?.user ?? null;
  const onLoggedIn = useCallback(
    (u: User) => {
      loggedIn(u);
      navigate(homeFor(u), { replace: true });
    },
    [loggedIn, navigate],
  );
  const onLogout = useCallback(() => {
    logout();
    navigate('/login', { replace: true });
  }, [logout, navigate]);

  return (
    <Suspense
      fallback={
        <div className="page-loading">
          <Shimmer lines={6} />
        </div>
      }
    >
      <Routes>
        <Route path="/" element={<HomePage />} />
        <Route
          path="/login"
          element={user ? <Navigate to={homeFor(user)} replace /> : <LoginPage onLoggedIn={onLoggedIn} />}
        />
        <Route
          path="/dashboard"
          element={
            <RequireRole user={user} roles={['supervisor', 'admin']}>
              {user ? <DashboardPage key={user.id} user={user} onLogout={onLogout} /> : null}
            </RequireRole>
          }
        />
        <Route
          path="/agent"
          element={
            <RequireRole user={user} roles={['agent', 'supervisor', 'admin']}>
              {user ? <AgentPage key={user.id} user={user} onLogout={onLogout} /> : null}
            </RequireRole>
          }
        />
        <Route
          path="/conversations"
          element={
            <RequireRole user={user} roles={STAFF}>
              {user ? <ConversationsPage key={user.id} user={user} onLogout={onLogout} /> : null}
            </RequireRole>
          }
        />
        <Route
          path="/conversations/:id"
          element={
            <RequireRole user={user} roles={STAFF}>
              {user ? <TranscriptPage key={user.id} user={user} onLogout={onLogout} /> : null}
            </RequireRole>
          }
        />
        <Route
          path="/contacts/:id"
          element={
            <RequireRole user={user} roles={STAFF}>
              {user ? <ContactPage key={user.id} user={user} onLogout={onLogout} /> : null}
            </RequireRole>
          }
        />
        <Route path="/widget" element={<WidgetDemoPage />} />
        <Route
          path="*"
          element={
            <main className="login-page">
              <div className="card">
                <h1>Page not found</h1>
                <a href="/">Back to livedesk</a>
              </div>
            </main>
          }
        />
      </Routes>
    </Suspense>
  );
}

export function App() {
  // Server state (conversations, contacts, tags) is cached per tab; live chat state stays on the sockets.
  const [queryClient] = useState(() => new QueryClient({
        defaultOptions: {
          // A 4xx answer (not found, forbidden, bad query) will not change by asking again; a 5xx or a lost connection may.
          queries: { staleTime: 15_000, refetchOnWindowFocus: false, retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2 },
        },
      }));
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </QueryClientProvider>
  );
}
