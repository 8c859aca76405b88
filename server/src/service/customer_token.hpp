#pragma once
// What a customer token opens, shared by every ChatService: checking it needs
// no chat state, so a node answers it itself.
#include <optional>
#include <string_view>

#include "auth/token_service.hpp"
#include "service/chat_types.hpp"

namespace livedesk::service {

// The customer and the one session `token` opens, or nullopt for any other,
// expired or forged token.
inline std::optional<Actor> customer_from_token(const auth::TokenService& tokens, std::string_view token) {
  auto claims = tokens.verify(token);
  if (!claims || claims->kind != auth::TokenKind::customer || !claims->session_id) return std::nullopt;
  return Actor::customer(claims->subject_id, *claims->session_id);
}

}  // namespace livedesk::service
