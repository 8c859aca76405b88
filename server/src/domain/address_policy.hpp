#pragma once
// Which network addresses a webhook may be sent to (docs/integrations.md, "Allow-list"). A pure value:
// built once from --webhook-allow, then read from any thread. It classifies addresses that someone else
// resolved (it does no DNS); app/ resolves, asks, and pins the address it was told is fine.
//
// Refused unless allowed: loopback, private (RFC 1918, fc00::/7, fec0::/10), link-local, unspecified,
// multicast, broadcast and reserved, CGNAT (100.64.0.0/10), and the IPv6 forms that carry an IPv4 address
// (::ffff:a.b.c.d mapped, ::a.b.c.d compatible, 64:ff9b::/96 NAT64), judged by the address they carry.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace livedesk::domain {

// An IPv4 or IPv6 address as 16 bytes (IPv4 as ::ffff:a.b.c.d).
struct IpAddress {
  std::array<std::uint8_t, 16> bytes{};
  bool v4 = false;
  // nullopt unless `text` is a literal address ("10.0.0.1", "::1", "[::1]").
  static std::optional<IpAddress> parse(std::string_view text);
  // The IPv4 address an IPv6 address carries (mapped, compatible, NAT64), if any.
  std::optional<IpAddress> embedded_v4() const;
};

// Why an address is not public ("loopback", "private", ...), or nullopt when it is.
std::optional<std::string> non_public_reason(const IpAddress& address);

// The --webhook-allow list: CIDRs ("127.0.0.1/32", "fd00::/8"), addresses and host names.
class AddressPolicy {
 public:
  AddressPolicy() = default;
  // Throws std::invalid_argument naming the entry that is neither a CIDR, an address nor a host name.
  explicit AddressPolicy(const std::vector<std::string>& allow);

  // Why `address` (which `host` resolved to) may not be used, or nullopt when it may.
  std::optional<std::string> refusal(std::string_view host, const IpAddress& address) const;

 private:
  struct Network {
    IpAddress base;
    int prefix = 0;  // of the 128 bits
  };
  bool allowed(std::string_view host, const IpAddress& address) const;

  std::vector<Network> networks_;
  std::vector<std::string> hosts_;  // lowercase
};

}  // namespace livedesk::domain
