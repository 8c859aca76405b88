#include "domain/address_policy.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace livedesk::domain {
namespace {

std::optional<std::string> reason(std::string_view text) {
  const auto address = IpAddress::parse(text);
  if (!address) return "unparsed";
  return non_public_reason(*address);
}

TEST(AddressPolicy, ClassifiesEveryNonPublicIpv4Range) {
  EXPECT_EQ(reason("127.0.0.1"), "loopback");
  EXPECT_EQ(reason("127.255.255.254"), "loopback");
  EXPECT_EQ(reason("10.1.2.3"), "private");
  EXPECT_EQ(reason("172.16.0.1"), "private");
  EXPECT_EQ(reason("172.31.255.255"), "private");
  EXPECT_EQ(reason("192.168.1.1"), "private");
  EXPECT_EQ(reason("169.254.169.254"), "link-local");  // the cloud metadata address
  EXPECT_EQ(reason("0.0.0.0"), "unspecified");
  EXPECT_EQ(reason("0.1.2.3"), "unspecified");
  EXPECT_EQ(reason("100.64.0.1"), "cgnat");
  EXPECT_EQ(reason("100.127.255.255"), "cgnat");
  EXPECT_EQ(reason("224.0.0.1"), "multicast");
  EXPECT_EQ(reason("239.255.255.255"), "multicast");
  EXPECT_EQ(reason("255.255.255.255"), "reserved");
  EXPECT_EQ(reason("240.0.0.1"), "reserved");
}

TEST(AddressPolicy, LeavesPublicIpv4AloneAtTheEdgesOfTheRanges) {
  for (const char* address : {"8.8.8.8", "172.15.255.255", "172.32.0.0", "100.63.255.255", "100.128.0.0",
                              "169.253.255.255", "192.167.255.255", "11.0.0.0", "126.255.255.255", "223.255.255.255"})
    EXPECT_EQ(reason(address), std::nullopt) << address;
}

TEST(AddressPolicy, ClassifiesIpv6AndTheFormsCarryingIpv4) {
  EXPECT_EQ(reason("::1"), "loopback");
  EXPECT_EQ(reason("[::1]"), "loopback");
  EXPECT_EQ(reason("::"), "unspecified");
  EXPECT_EQ(reason("fc00::1"), "private");
  EXPECT_EQ(reason("fd12:3456::1"), "private");
  EXPECT_EQ(reason("fec0::1"), "private");
  EXPECT_EQ(reason("fe80::1"), "link-local");
  EXPECT_EQ(reason("febf::1"), "link-local");
  EXPECT_EQ(reason("ff02::1"), "multicast");
  EXPECT_EQ(reason("::ffff:127.0.0.1"), "loopback");
  EXPECT_EQ(reason("::ffff:7f00:1"), "loopback");
  EXPECT_EQ(reason("::ffff:10.0.0.1"), "private");
  EXPECT_EQ(reason("::ffff:169.254.169.254"), "link-local");
  EXPECT_EQ(reason("::127.0.0.1"), "loopback");       // IPv4-compatible
  EXPECT_EQ(reason("64:ff9b::c0a8:101"), "private");  // NAT64 of 192.168.1.1
  EXPECT_EQ(reason("::ffff:8.8.8.8"), std::nullopt);
  EXPECT_EQ(reason("2606:4700::1111"), std::nullopt);
  EXPECT_EQ(reason("2001:db8::1"), "reserved");
  EXPECT_EQ(reason("not-an-address"), "unparsed");
  EXPECT_EQ(reason("127.1"), "unparsed");  // inet_pton takes only the dotted quad
}

TEST(AddressPolicy, AllowListOpensCidrsAddressesAndHosts) {
  const AddressPolicy policy({"127.0.0.1", "10.0.0.0/8", "fd00::/8", "Hooks.Internal"});
  const auto at = [](std::string_view text) { return *IpAddress::parse(text); };
  EXPECT_EQ(policy.refusal("x", at("127.0.0.1")), std::nullopt);
  EXPECT_EQ(policy.refusal("x", at("::ffff:127.0.0.1")), std::nullopt);  // the same address, mapped
  EXPECT_EQ(policy.refusal("x", at("127.0.0.2")), "loopback");
  EXPECT_EQ(policy.refusal("x", at("10.200.1.1")), std::nullopt);
  EXPECT_EQ(policy.refusal("x", at("192.168.0.1")), "private");
  EXPECT_EQ(policy.refusal("x", at("fd00::5")), std::nullopt);
  EXPECT_EQ(policy.refusal("x", at("fc00::5")), "private");
  EXPECT_EQ(policy.refusal("hooks.internal", at("192.168.0.1")), std::nullopt);
  EXPECT_EQ(policy.refusal("x", at("8.8.8.8")), std::nullopt);
  EXPECT_EQ(AddressPolicy().refusal("localhost", at("127.0.0.1")), "loopback");
}

TEST(AddressPolicy, RefusesEntriesThatAreNothing) {
  EXPECT_THROW(AddressPolicy({"10.0.0.0/33"}), std::invalid_argument);
  EXPECT_THROW(AddressPolicy({"10.0.0.0/x"}), std::invalid_argument);
  EXPECT_THROW(AddressPolicy({"http://example.com"}), std::invalid_argument);
  EXPECT_NO_THROW(AddressPolicy({"::1/128", "example.com", ""}));
}

}  // namespace
}  // namespace livedesk::domain
