// Attachments: upload over REST, send in a message, download with the right
// token only; type read from the bytes, size and allow-list enforced.
#include <gtest/gtest.h>

#include <string>

#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/ws_client.hpp"

namespace livedesk::it {
namespace {
namespace json = boost::json;

const StaffUser kAgent{"ann", "ann-password-123", "agent", "Ann Agent"};

// The smallest valid PNG: what browsers send for a 1x1 picture.
const std::string kPng("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89", 33);

HttpResult upload(unsigned short port, const std::string& token, std::int64_t session_id, const std::string& name,
                  const std::string& bytes) {
  return request(port, "POST", session_path(session_id, "/attachments?name=" + name), bytes,
                 {{"Authorization", "Bearer " + token}, {"Content-Type", "application/octet-stream"}});
}

TEST(ChatAttachments, UploadSendAndDownloadByTheRightPeopleOnly) {
  ServerOptions options;
  options.users = {kAgent};
  ServerProcess server(options);
  const auto chat = start_chat(server.port(), "Pia", "pia@example.com");
  const auto other = start_chat(server.port(), "Olaf", "olaf@example.com");

  const auto uploaded = upload(server.port(), chat.token, chat.session_id, "dot.png", kPng);
  ASSERT_TRUE(HasStatus(uploaded, 201));
  const auto id = str_at(uploaded.object(), {"attachment", "id"});
  EXPECT_EQ(id.size(), 64u);
  EXPECT_EQ(str_at(uploaded.object(), {"attachment", "mime"}), "image/png");
  EXPECT_EQ(int_at(uploaded.object(), {"attachment", "size"}), 33);

  const auto sent = request(server.port(), "POST", session_path(chat.session_id, "/messages"),
                            json::serialize(json::object{{"type", "image"}, {"attachment_id", id}, {"body", "here"}}),
                            bearer(chat.token));
  ASSERT_TRUE(HasStatus(sent, 201));
  const auto url = str_at(sent.object(), {"message", "attachment", "url"});
  ASSERT_FALSE(url.empty()) << sent.describe();
  EXPECT_EQ(url.find("token"), std::string::npos);  // tokens never travel in URLs

  const auto mine = request(server.port(), "GET", url, "", bearer(chat.token));
  ASSERT_TRUE(HasStatus(mine, 200));
  EXPECT_EQ(mine.body, kPng);
  EXPECT_EQ(mine.header("Content-Type"), "image/png");

  const auto staff = login_staff(server.port(), kAgent.username, kAgent.password);
  EXPECT_TRUE(HasStatus(request(server.port(), "GET", url, "", bearer(staff.token)), 200));
  EXPECT_TRUE(IsError(request(server.port(), "GET", url, "", bearer(other.token)), 404, "not_found"));
  EXPECT_TRUE(IsError(request(server.port(), "GET", url), 401));
  // The other customer cannot reuse the id in its own chat either.
  EXPECT_TRUE(IsError(request(server.port(), "POST", session_path(other.session_id, "/messages"),
                              json::serialize(json::object{{"type", "image"}, {"attachment_id", id}}), bearer(other.token)),
                      400, "unknown_attachment"));
}

TEST(ChatAttachments, BadFilesAreRefusedAndNothingIsStored) {
  ServerProcess server;
  const auto chat = start_chat(server.port(), "Pia", "pia@example.com");
  EXPECT_TRUE(IsError(upload(server.port(), chat.token, chat.session_id, "x.png", "<html><script>1</script></html>"), 415,
                      "unsupported_media_type"));
  EXPECT_TRUE(IsError(upload(server.port(), chat.token, chat.session_id, "e.png", ""), 400));
  EXPECT_TRUE(IsError(upload(server.port(), chat.token, chat.session_id, "big.png", kPng + std::string(11 * 1024 * 1024, '\0')),
                      413, "payload_too_large"));
  // A picture claimed as a video is refused when sent.
  const auto uploaded = upload(server.port(), chat.token, chat.session_id, "dot.png", kPng);
  ASSERT_TRUE(HasStatus(uploaded, 201));
  EXPECT_TRUE(IsError(request(server.port(), "POST", session_path(chat.session_id, "/messages"),
                              json::serialize(json::object{{"type", "video"},
                                                           {"attachment_id", str_at(uploaded.object(), {"attachment", "id"})}}),
                              bearer(chat.token)),
                      400, "invalid_field"));
  EXPECT_TRUE(IsError(request(server.port(), "POST", session_path(chat.session_id, "/messages"),
                              R"({"type": "file", "attachment_id": "0000000000000000000000000000000000000000000000000000000000000000"})",
                              bearer(chat.token)),
                      400, "unknown_attachment"));
  EXPECT_TRUE(fetch_messages(server.port(), chat.token, chat.session_id).empty());
}

}  // namespace
}  // namespace livedesk::it
