#include "support/content_inspection.hpp"

#include <gtest/gtest.h>

using namespace livedesk::support;

TEST(ContentInspection, ReadsTheTypeFromTheBytes) {
  const std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89", 33);
  EXPECT_EQ(sniff_mime_type(png), "image/png");
  EXPECT_EQ(sniff_mime_type("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"), "application/pdf");
  EXPECT_EQ(sniff_mime_type("just some words\n"), "text/plain");
}

TEST(ContentInspection, Sha256OfKnownInput) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
