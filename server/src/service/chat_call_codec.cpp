#include "service/chat_call_codec.hpp"

namespace livedesk::service {
namespace json = boost::json;

void tag_invoke(json::value_from_tag, json::value& out, const Actor& actor) {
  out = json::object{{"kind", actor.is_customer() ? "customer" : "staff"},
                     {"id", actor.id},
                     {"session_id", actor.session_id},
                     {"role", json::value_from(actor.role)},
                     {"name", actor.name}};
}

Actor tag_invoke(json::value_to_tag<Actor>, const json::value& in) {
  const auto& object = in.as_object();
  Actor actor;
  const auto kind = object.at("kind").as_string();
  if (kind != "customer" && kind != "staff") throw std::invalid_argument("actor kind must be customer or staff");
  actor.kind = kind == "customer" ? Actor::Kind::customer : Actor::Kind::staff;
  actor.id = object.at("id").as_int64();
  actor.session_id = object.at("session_id").as_int64();
  actor.role = json::value_to<domain::Role>(object.at("role"));
  actor.name = json::value_to<std::string>(object.at("name"));
  return actor;
}

}  // namespace livedesk::service
