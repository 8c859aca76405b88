// The web app's files: content types, the single-page-app fallback, and
// every way out of the web folder that a request might try.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/http_client.hpp"
#include "support/server_process.hpp"

namespace livedesk::it {
namespace {
namespace fs = std::filesystem;
namespace json = boost::json;
using namespace std::string_literals;

const std::string kIndex = "<!doctype html><html><body>livedesk app INDEX-MARKER</body></html>\n";
const std::string kScript = "console.log('livedesk app.js');\n";
const std::string kModule = "export const x = 1;\n";
const std::string kStyle = "body { color: #123456; }\n";
const std::string kPng = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89"s;
const std::string kSvg = "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>\n";
const std::string kSecret = "TOP-SECRET-OUTSIDE-THE-WEB-DIR";

// The web dir is <temp>/web; the outside file is <temp>/outside/secret.txt
// and also <temp>/secret.txt, so that "/../secret.txt" from the web root
// would reach a real file if the server let it.
ServerOptions static_site() {
  ServerOptions options;
  options.web_files = {{"index.html", kIndex},
                       {"app.js", kScript},
                       {"assets/chunk.mjs", kModule},
                       {"assets/style.css", kStyle},
                       {"logo.png", kPng},
                       {"icon.svg", kSvg},
                       {"docs/index.html", "<p>docs index</p>"},
                       {"data.json", R"({"static": true})"}};
  options.prepare_web_dir = [](const fs::path& web) {
    const fs::path temp = web.parent_path();
    write_file(temp / "secret.txt", kSecret);
    write_file(temp / "outside" / "secret.txt", kSecret);
    fs::create_symlink(temp / "secret.txt", web / "leak.txt");
    fs::create_symlink(temp / "outside", web / "outside-dir");
    fs::create_symlink("../secret.txt", web / "relative-leak.txt");
  };
  return options;
}

TEST(StaticFiles, ServesFilesWithTheirContentTypes) {
  ServerProcess server(static_site());
  struct Case {
    std::string target;
    std::string content_type;
    std::string body;
  };
  const std::vector<Case> cases{
      {"/", "text/html; charset=utf-8", kIndex},
      {"/index.html", "text/html; charset=utf-8", kIndex},
      {"/app.js", "text/javascript; charset=utf-8", kScript},
      {"/assets/chunk.mjs", "text/javascript; charset=utf-8", kModule},
      {"/assets/style.css", "text/css; charset=utf-8", kStyle},
      {"/logo.png", "image/png", kPng},
      {"/icon.svg", "image/svg+xml", kSvg},
      {"/app.js?v=123", "text/javascript; charset=utf-8", kScript},
  };
  for (const auto& c : cases) {
    const auto result = request(server.port(), "GET", c.target);
    ASSERT_TRUE(HasStatus(result, 200)) << c.target;
    EXPECT_EQ(result.header("Content-Type"), c.content_type) << c.target;
    EXPECT_EQ(result.body, c.body) << c.target;
    EXPECT_EQ(result.header("Content-Length"), std::to_string(c.body.size())) << c.target;
  }
}

TEST(StaticFiles, PathsWithoutExtensionGetTheApp) {
  ServerProcess server(static_site());
  for (const std::string target : {"/dashboard", "/dashboard/", "/agent", "/dashboard/sessions/42", "/login?next=/x"}) {
    const auto result = request(server.port(), "GET", target);
    ASSERT_TRUE(HasStatus(result, 200)) << target;
    EXPECT_EQ(result.header("Content-Type"), "text/html; charset=utf-8") << target;
    EXPECT_EQ(result.body, kIndex) << target;
  }
}

TEST(StaticFiles, MissingFilesAndUnknownApiPathsAreJson404) {
  ServerProcess server(static_site());
  for (const std::string target : {"/missing.js", "/assets/missing.css", "/nope/deeper/file.png", "/index.htm"})
    EXPECT_TRUE(IsError(request(server.port(), "GET", target), 404, "not_found")) << target;
  // An /api path never falls back to the app.
  for (const std::string target : {"/api/v1/dashboard", "/api/unknown", "/api/v1/admin/nothing"}) {
    const auto result = request(server.port(), "GET", target);
    EXPECT_TRUE(IsError(result, 404, "not_found")) << target;
    EXPECT_EQ(result.body.find("INDEX-MARKER"), std::string::npos) << target;
  }
}

TEST(StaticFiles, NothingOutsideTheWebDirIsReachable) {
  ServerProcess server(static_site());
  // The attempts the specification names: each must be a JSON 404.
  const std::vector<std::string> named{
      "/../secret.txt",
      "/../../secret.txt",
      "/%2e%2e/secret.txt",
      "/%2E%2E/secret.txt",
      "/..%2fsecret.txt",
      "/..%2Fsecret.txt",
      "/a/../../secret.txt",
      "/assets/../../secret.txt",
      "/%00",
      "/index.html%00.png",
      "/index.html%00",
      "/leak.txt%00.png",
      "/../secret.txt%00.html",
      "/leak.txt",
      "/relative-leak.txt",
      "/outside-dir/secret.txt",
  };
  for (const auto& target : named) {
    const auto result = request(server.port(), "GET", target);
    EXPECT_TRUE(IsError(result, 404, "not_found")) << target;
    EXPECT_EQ(result.body.find(kSecret), std::string::npos) << target << " leaked the outside file";
  }
  // More spellings: refusing them as bad requests (400) is as good as 404.
  const std::vector<std::string> more{
      "/.%2e/secret.txt",
      "/%2e%2e%2fsecret.txt",
      "/%2e%2e%2f%2e%2e%2fsecret.txt",
      "/..%5csecret.txt",
      "/..\\secret.txt",
      "/assets/%2e%2e/%2e%2e/secret.txt",
      "/assets/..%2f..%2fsecret.txt",
      "/%252e%252e/secret.txt",
      "/....//secret.txt",
      "/..;/secret.txt",
      "/outside-dir/../secret.txt",
      "//../secret.txt",
      "/./../secret.txt",
      "/%c0%ae%c0%ae/secret.txt",
      "/%ef%bc%8e%ef%bc%8e/secret.txt",
  };
  for (const auto& target : more) {
    const auto result = request(server.port(), "GET", target);
    EXPECT_TRUE(IsError(result, 404) || IsError(result, 400)) << target << "\n" << result.describe();
    EXPECT_EQ(result.body.find(kSecret), std::string::npos) << target << " leaked the outside file";
  }
  // Traversal spelled out over a raw socket, so no client library tidies it up.
  for (const std::string target : {"/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt"}) {
    const std::string received =
        raw_exchange(server.port(), "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(received.find(kSecret), std::string::npos) << target << " leaked the outside file";
    EXPECT_TRUE(IsError(parse_raw_response(received), 404, "not_found")) << target << "\n" << received;
  }
  // The site itself still works.
  EXPECT_TRUE(HasStatus(request(server.port(), "GET", "/app.js"), 200));
}

}  // namespace
}  // namespace livedesk::it
