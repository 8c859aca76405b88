#include "domain/address_policy.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <stdexcept>

namespace livedesk::domain {

namespace {

std::string lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return out;
}

IpAddress from_v4(const std::uint8_t* four) {
  IpAddress a;
  a.v4 = true;
  a.bytes[10] = a.bytes[11] = 0xff;
  std::copy(four, four + 4, a.bytes.begin() + 12);
  return a;
}

bool starts_with_bits(const IpAddress& a, const IpAddress& base, int prefix) {
  for (int bit = 0; bit < prefix; ++bit) {
    const int byte = bit / 8, mask = 0x80 >> (bit % 8);
    if ((a.bytes[byte] & mask) != (base.bytes[byte] & mask)) return false;
  }
  return true;
}

// IPv4 rules over the four bytes.
std::optional<std::string> v4_reason(const std::uint8_t* b) {
  if (b[0] == 0) return "unspecified";  // 0.0.0.0/8, "this network"
  if (b[0] == 127) return "loopback";
  if (b[0] == 10 || (b[0] == 172 && (b[1] & 0xf0) == 16) || (b[0] == 192 && b[1] == 168)) return "private";
  if (b[0] == 169 && b[1] == 254) return "link-local";
  if (b[0] == 100 && (b[1] & 0xc0) == 64) return "cgnat";
  if (b[0] >= 224 && b[0] <= 239) return "multicast";
  if (b[0] >= 240) return "reserved";                            // 240.0.0.0/4 and 255.255.255.255
  if (b[0] == 192 && b[1] == 0 && b[2] == 0) return "reserved";  // IETF protocol assignments
  if (b[0] == 198 && (b[1] & 0xfe) == 18) return "reserved";     // benchmarking 198.18.0.0/15
  return std::nullopt;
}

}  // namespace

std::optional<IpAddress> IpAddress::parse(std::string_view text) {
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') text = text.substr(1, text.size() - 2);
  const std::string s(text);
  std::uint8_t buffer[16];
  if (inet_pton(AF_INET, s.c_str(), buffer) == 1) return from_v4(buffer);
  IpAddress a;
  if (inet_pton(AF_INET6, s.c_str(), a.bytes.data()) == 1) return a;
  return std::nullopt;
}

std::optional<IpAddress> IpAddress::embedded_v4() const {
  if (v4) return std::nullopt;
  const auto& b = bytes;
  const bool ten_zeros = std::all_of(b.begin(), b.begin() + 10, [](std::uint8_t x) { return x == 0; });
  const bool mapped = ten_zeros && b[10] == 0xff && b[11] == 0xff;
  const bool compatible = ten_zeros && b[10] == 0 && b[11] == 0 && (b[12] | b[13] | b[14]) != 0;
  static constexpr std::uint8_t kNat64[12] = {0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
  const bool nat64 = std::equal(b.begin(), b.begin() + 12, kNat64);
  if (mapped || compatible || nat64) return from_v4(b.data() + 12);
  return std::nullopt;
}

std::optional<std::string> non_public_reason(const IpAddress& address) {
  if (address.v4) return v4_reason(address.bytes.data() + 12);
  if (auto inner = address.embedded_v4()) return non_public_reason(*inner);
  const auto& b = address.bytes;
  const bool leading_zeros = std::all_of(b.begin(), b.begin() + 15, [](std::uint8_t x) { return x == 0; });
  if (leading_zeros && b[15] == 0) return "unspecified";
  if (leading_zeros && b[15] == 1) return "loopback";
  if ((b[0] & 0xfe) == 0xfc) return "private";                     // fc00::/7 unique local
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return "link-local";  // fe80::/10
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) return "private";     // fec0::/10 site-local (deprecated)
  if (b[0] == 0xff) return "multicast";
  if (leading_zeros || (b[0] == 0 && b[1] == 0)) return "reserved";                     // ::/16 beyond the forms above
  if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) return "reserved";  // documentation
  return std::nullopt;
}

AddressPolicy::AddressPolicy(const std::vector<std::string>& allow) {
  for (const auto& entry : allow) {
    if (entry.empty()) continue;
    const auto slash = entry.find('/');
    if (auto address = IpAddress::parse(entry.substr(0, slash))) {
      int prefix = address->v4 ? 32 : 128;
      if (slash != std::string::npos) {
        const auto digits = std::string_view(entry).substr(slash + 1);
        auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
        if (error != std::errc() || end != digits.data() + digits.size() || prefix < 0 ||
            prefix > (address->v4 ? 32 : 128))
          throw std::invalid_argument("--webhook-allow: bad prefix in '" + entry + "'");
      }
      networks_.push_back({*address, address->v4 ? prefix + 96 : prefix});
      continue;
    }
    const bool host_name = slash == std::string::npos && std::all_of(entry.begin(), entry.end(), [](unsigned char c) {
                             return std::isalnum(c) || c == '-' || c == '.';
                           });
    if (!host_name) throw std::invalid_argument("--webhook-allow: '" + entry + "' is no CIDR, address or host");
    hosts_.push_back(lowercase(entry));
  }
}

bool AddressPolicy::allowed(std::string_view host, const IpAddress& address) const {
  if (std::find(hosts_.begin(), hosts_.end(), lowercase(host)) != hosts_.end()) return true;
  const auto inner = address.embedded_v4();
  return std::any_of(networks_.begin(), networks_.end(), [&](const Network& n) {
    return starts_with_bits(address, n.base, n.prefix) || (inner && starts_with_bits(*inner, n.base, n.prefix));
  });
}

std::optional<std::string> AddressPolicy::refusal(std::string_view host, const IpAddress& address) const {
  auto reason = non_public_reason(address);
  if (!reason || allowed(host, address)) return std::nullopt;
  return *reason;
}

}  // namespace livedesk::domain
