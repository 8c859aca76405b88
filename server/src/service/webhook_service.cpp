#include "service/webhook_service.hpp"

#include <algorithm>
#include <array>
#include <sstream>

#include "auth/webhook_signature.hpp"
#include "domain/iso_time.hpp"
#include "service/webhook_deliveries.hpp"
#include "store/store.hpp"
#include "store/store_executor.hpp"

namespace livedesk::service {

namespace {

using Reason = WebhookRefused::Reason;

// The aggregates whose events are logged (service/event_json.cpp names them "<aggregate>.<what>").
constexpr std::array<std::string_view, 11> kAggregates = {"session", "message", "receipt", "agent", "transfer",
                                                          "note", "whisper", "canned_response", "customer",
                                                          // Tags and dispositions (#14)
                                                          "conversation",
                                                          // contacts
                                                          "contact"};

std::string joined(const std::vector<std::string>& types) {
  std::string out;
  for (const auto& t : types) out += (out.empty() ? "" : " ") + t;
  return out;
}

WebhookView view_of(store::Store& s, const store::Webhook& webhook, bool with_secret = false) {
  WebhookView view;
  view.id = webhook.id;
  view.url = webhook.url;
  std::istringstream words(webhook.event_types);
  for (std::string type; words >> type;) view.event_types.push_back(type);
  if (with_secret) view.secret = webhook.secret;
  view.active = webhook.active == 1;
  view.disabled_reason = webhook.disabled_reason;
  view.disabled_ms = webhook.disabled_ms;
  view.created_ms = webhook.created_ms;
  view.updated_ms = webhook.updated_ms;
  if (const auto cursor = s.outbox().find(webhook_target(webhook.id))) {
    view.delivered_up_to = cursor->position;
    view.pending = cursor->pending_position;
    view.pending_attempts = cursor->attempts;
    view.next_attempt_ms = cursor->next_attempt_ms;
    view.lag_events = std::max<std::int64_t>(0, s.events().last_position() - cursor->position);
  }
  return view;
}

WebhookAttemptView attempt_view(const store::WebhookAttempt& a) {
  return {a.id, a.position, a.event_id, a.attempt, a.at_ms, a.status_code, a.latency_ms, a.error, a.manual == 1};
}

// Runs `read` on a reader; a store failure answers `unavailable`.
template <class T, class Read>
void read_then(store::StoreExecutor& store, Read read, std::function<void(WebhookOutcome<T>)> done) {
  const bool queued = store.post_read([read = std::move(read), done](store::Store& s) {
    try {
      done(read(s));
    } catch (const std::exception& error) {
      done(WebhookRefused{Reason::unavailable, error.what()});
    }
  });
  if (!queued) done(WebhookRefused{Reason::unavailable, "shutting down"});
}

// Runs `write` in a store batch and answers once it committed.
template <class T, class Write>
void write_then(store::StoreExecutor& store, Write write, std::function<void(WebhookOutcome<T>)> done) {
  const bool queued =
      store.post_write([write = std::move(write), done](store::Store& s, store::CommitHooks& hooks) mutable {
        try {
          auto outcome = std::make_shared<WebhookOutcome<T>>(write(s));
          hooks.after_commit([outcome, done](bool committed) {
            if (committed) return done(std::move(*outcome));
            done(WebhookRefused{Reason::unavailable, "the database did not save the change"});
          });
        } catch (const std::exception& error) {
          done(WebhookRefused{Reason::unavailable, error.what()});
          throw;  // roll the job's writes back
        }
      });
  if (!queued) done(WebhookRefused{Reason::unavailable, "shutting down"});
}

WebhookRefused not_found(std::int64_t id) { return {Reason::not_found, "no webhook " + std::to_string(id)}; }

}  // namespace

std::optional<std::string> event_types_problem(const std::vector<std::string>& types) {
  if (types.empty()) return "give at least one event type (\"*\" for all)";
  for (const auto& type : types) {
    if (type == "*") continue;
    const auto dot = type.find('.');
    const auto aggregate = std::string_view(type).substr(0, dot);
    const bool known = std::find(kAggregates.begin(), kAggregates.end(), aggregate) != kAggregates.end();
    const auto rest = dot == std::string::npos ? std::string_view() : std::string_view(type).substr(dot + 1);
    const bool well_formed = !rest.empty() && std::all_of(rest.begin(), rest.end(), [&](const char& c) {
      return (c >= 'a' && c <= 'z') || c == '_' || (c == '*' && &c == &rest.back());
    });
    if (!known || !well_formed)
      return "unknown event type '" + type + "' (use <aggregate>.<event>, <aggregate>.* or *; aggregates: " +
             "session, message, receipt, agent, transfer, note, whisper, canned_response, customer)";
  }
  return std::nullopt;
}

template <class T>
void WebhookService::check_url(const std::optional<std::string>& url, std::function<void(WebhookOutcome<T>)> done,
                               std::function<void()> then) {
  const bool queued = checks_.post([this, url, done, then = std::move(then)] {
    if (url) {
      if (auto refusal = transport_.refusal(*url)) return done(WebhookRefused{Reason::invalid, *refusal});
    }
    then();
  });
  if (!queued) done(WebhookRefused{Reason::unavailable, "shutting down"});
}

void WebhookService::create(WebhookChange change, std::function<void(WebhookOutcome<WebhookView>)> done) {
  if (!change.url) return done(WebhookRefused{Reason::invalid, "give url"});
  if (!change.event_types) return done(WebhookRefused{Reason::invalid, "give event_types"});
  if (auto problem = event_types_problem(*change.event_types)) return done(WebhookRefused{Reason::invalid, *problem});
  if (change.secret && (change.secret->size() < 16 || change.secret->size() > 200))
    return done(WebhookRefused{Reason::invalid, "a given secret must be 16 to 200 characters"});
  check_url<WebhookView>(change.url, done, [this, change, done] {
    store::Webhook webhook;
    webhook.url = *change.url;
    webhook.event_types = joined(*change.event_types);
    webhook.secret = change.secret.value_or(auth::new_webhook_secret());
    webhook.active = change.active.value_or(true) ? 1 : 0;
    webhook.created_ms = webhook.updated_ms = domain::to_unix_ms(clock_.now());
    write_then<WebhookView>(
        store_,
        [webhook](store::Store& s) mutable {
          webhook.id = s.webhooks().insert(webhook);
          // It gets what is logged from now on, not the log's history.
          s.outbox().save(
              {webhook_target(webhook.id), s.events().last_position(), std::nullopt, 0, std::nullopt, std::nullopt});
          return WebhookOutcome<WebhookView>(view_of(s, webhook, true));
        },
        done);
  });
}

void WebhookService::list(std::function<void(WebhookOutcome<std::vector<WebhookView>>)> done) {
  read_then<std::vector<WebhookView>>(
      store_,
      [](store::Store& s) {
        std::vector<WebhookView> views;
        for (const auto& webhook : s.webhooks().list()) views.push_back(view_of(s, webhook));
        return WebhookOutcome<std::vector<WebhookView>>(std::move(views));
      },
      done);
}

void WebhookService::get(std::int64_t id, std::function<void(WebhookOutcome<WebhookView>)> done) {
  read_then<WebhookView>(
      store_,
      [id](store::Store& s) -> WebhookOutcome<WebhookView> {
        auto webhook = s.webhooks().find(id);
        if (!webhook) return not_found(id);
        return view_of(s, *webhook);
      },
      done);
}

void WebhookService::update(std::int64_t id, WebhookChange change,
                            std::function<void(WebhookOutcome<WebhookView>)> done) {
  if (change.event_types)
    if (auto problem = event_types_problem(*change.event_types)) return done(WebhookRefused{Reason::invalid, *problem});
  if (change.secret) return done(WebhookRefused{Reason::invalid, "the secret cannot be changed; create a new webhook"});
  auto url = change.url;
  check_url<WebhookView>(
      url, done, [this, id, change = std::move(change), done]() mutable { save_change(id, std::move(change), done); });
}

void WebhookService::save_change(std::int64_t id, WebhookChange change,
                                 std::function<void(WebhookOutcome<WebhookView>)> done) {
  const auto now_ms = domain::to_unix_ms(clock_.now());
  write_then<WebhookView>(
      store_,
      [id, change, now_ms](store::Store& s) -> WebhookOutcome<WebhookView> {
        auto webhook = s.webhooks().find(id);
        if (!webhook) return not_found(id);
        if (change.url) webhook->url = *change.url;
        if (change.event_types) webhook->event_types = joined(*change.event_types);
        if (change.active) {
          if (*change.active && !webhook->active) {
            // Re-enabled: a fresh retry window for the event it stopped on.
            webhook->disabled_reason.reset();
            webhook->disabled_ms.reset();
            if (auto cursor = s.outbox().find(webhook_target(id))) {
              cursor->attempts = 0;
              cursor->first_attempt_ms.reset();
              cursor->next_attempt_ms.reset();
              s.outbox().save(*cursor);
            }
          }
          webhook->active = *change.active ? 1 : 0;
        }
        webhook->updated_ms = now_ms;
        s.webhooks().update(*webhook);
        return view_of(s, *webhook);
      },
      done);
}

void WebhookService::remove(std::int64_t id, std::function<void(WebhookOutcome<bool>)> done) {
  write_then<bool>(
      store_,
      [id](store::Store& s) -> WebhookOutcome<bool> {
        if (!s.webhooks().remove(id)) return not_found(id);
        s.outbox().remove(webhook_target(id));
        return true;
      },
      done);
}

void WebhookService::attempts(std::int64_t id, std::optional<std::int64_t> before, std::size_t limit,
                              std::function<void(WebhookOutcome<std::vector<WebhookAttemptView>>)> done) {
  read_then<std::vector<WebhookAttemptView>>(
      store_,
      [id, before, limit](store::Store& s) -> WebhookOutcome<std::vector<WebhookAttemptView>> {
        if (!s.webhooks().find(id)) return not_found(id);
        std::vector<WebhookAttemptView> views;
        for (const auto& a : s.webhooks().attempts(id, before, limit)) views.push_back(attempt_view(a));
        return views;
      },
      done);
}

void WebhookService::retry(std::int64_t id, std::int64_t position,
                           std::function<void(WebhookOutcome<WebhookRetried>)> done) {
  struct Found {
    store::Webhook webhook;
    store::EventRecord event;
  };
  read_then<Found>(
      store_,
      [id, position](store::Store& s) -> WebhookOutcome<Found> {
        auto webhook = s.webhooks().find(id);
        if (!webhook) return not_found(id);
        auto events = s.events().read_after(position - 1, 1);
        if (events.empty() || events[0].position != position)
          return WebhookRefused{Reason::not_found, "no logged event at position " + std::to_string(position)};
        return Found{std::move(*webhook), std::move(events[0])};
      },
      std::function<void(WebhookOutcome<Found>)>([this, done](WebhookOutcome<Found> found) {
        if (auto* refused = std::get_if<WebhookRefused>(&found)) return done(std::move(*refused));
        auto& [webhook, event] = std::get<Found>(found);
        const auto sent_ms = domain::to_unix_ms(clock_.now());
        auto request = webhook_request(webhook, event, sent_ms / 1000);
        transport_.send(std::move(request), [this, done, id = webhook.id, event, sent_ms](WebhookResponse response) {
          const auto outcome = webhook_outcome(response);
          store::WebhookAttempt attempt;
          attempt.webhook_id = id;
          attempt.position = event.position;
          attempt.event_id = event.event_id;
          attempt.attempt = 1;
          attempt.at_ms = sent_ms;
          if (outcome.status) attempt.status_code = *outcome.status;
          attempt.latency_ms = outcome.latency.count();
          attempt.error = outcome.error;
          attempt.manual = 1;
          write_then<WebhookRetried>(
              store_,
              [attempt](store::Store& s) mutable -> WebhookOutcome<WebhookRetried> {
                if (!s.webhooks().find(attempt.webhook_id)) return not_found(attempt.webhook_id);
                attempt.id = s.webhooks().add_attempt(attempt);
                return WebhookRetried{attempt_view(attempt)};
              },
              done);
        });
      }));
}

void WebhookService::prune_attempts(std::chrono::seconds retention) {
  const auto cutoff_ms = domain::to_unix_ms(clock_.now() - retention);
  store_.post_write(
      [cutoff_ms](store::Store& s, store::CommitHooks&) { s.webhooks().prune_attempts(cutoff_ms, 5000); });
}

}  // namespace livedesk::service
