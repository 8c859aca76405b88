// The web app's build folder as URL paths see it: files, the index fallback of
// client-side routes, and every way out of the folder refused.
#include "net/static_files.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <unistd.h>

using namespace livedesk::net;
namespace fs = std::filesystem;

namespace {
// A fresh build folder with an index, one asset and a secret beside it.
class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() / ("livedesk-static-" + std::to_string(::getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(base_);
    fs::create_directories(root() / "assets");
    fs::create_directories(root() / "docs");
    write(root() / "index.html", "<html>");
    write(root() / "assets" / "app.JS", "js");
    write(root() / "docs" / "index.html", "docs");
    write(base_ / "secret.txt", "secret");
  }
  void TearDown() override { fs::remove_all(base_); }

  fs::path root() const { return base_ / "dist"; }
  static void write(const fs::path& file, const std::string& text) { std::ofstream(file) << text; }

  fs::path base_;
};
}  // namespace

TEST_F(StaticFilesTest, ServesFilesWithTheirType) {
  StaticFiles files(root());
  auto index = files.resolve("/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->path.filename(), "index.html");
  EXPECT_EQ(index->content_type, "text/html; charset=utf-8");
  auto script = files.resolve("/assets/app.JS");
  ASSERT_TRUE(script);
  EXPECT_EQ(script->content_type, "text/javascript; charset=utf-8");
  auto docs = files.resolve("/docs/");
  ASSERT_TRUE(docs);
  EXPECT_EQ(docs->path, fs::canonical(root() / "docs" / "index.html"));
}

TEST_F(StaticFilesTest, ClientRoutesGetTheAppButMissingAssetsDoNot) {
  StaticFiles files(root());
  auto route = files.resolve("/dashboard/agents");
  ASSERT_TRUE(route);
  EXPECT_EQ(route->path, fs::canonical(root() / "index.html"));
  EXPECT_FALSE(files.resolve("/assets/missing.css"));
}

TEST_F(StaticFilesTest, NothingOutsideTheFolder) {
  fs::create_symlink(base_ / "secret.txt", root() / "link.txt");
  StaticFiles files(root());
  EXPECT_FALSE(files.resolve("/../secret.txt"));
  EXPECT_FALSE(files.resolve("/assets/../../secret.txt"));
  EXPECT_FALSE(files.resolve("/link.txt"));
  EXPECT_FALSE(files.resolve(std::string_view("/index.html\0x", 13)));
  EXPECT_FALSE(files.resolve("/..\\secret.txt"));
  EXPECT_FALSE(files.resolve("index.html"));  // not absolute
}

TEST_F(StaticFilesTest, AMissingFolderServesNothing) {
  StaticFiles files(base_ / "no-such-folder");
  EXPECT_FALSE(files.resolve("/"));
  EXPECT_FALSE(files.resolve("/dashboard"));
}

TEST(ContentTypeTest, ByExtensionCaseInsensitive) {
  EXPECT_EQ(content_type_for("a/b.CSS"), "text/css; charset=utf-8");
  EXPECT_EQ(content_type_for("x.woff2"), "font/woff2");
  EXPECT_EQ(content_type_for("x.webmanifest"), "application/manifest+json");
  EXPECT_EQ(content_type_for("x.unknown"), "application/octet-stream");
  EXPECT_EQ(content_type_for("Makefile"), "application/octet-stream");
}
