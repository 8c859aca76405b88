#pragma once
// Test helper: makes the TestDatabase of a backend, and instantiates a
// value-parameterized suite once per backend (Sqlite/..., Postgres/...).
// Header-only (not in the library).
#include <gtest/gtest.h>

#include <memory>

#include "store/test_support/pg_test_database.hpp"
#include "store/test_support/sqlite_test_database.hpp"
#include "store/test_support/test_database.hpp"

namespace livedesk::store::test_support {

// A fresh database of `backend`; nullptr when the tests have no PostgreSQL
// server (the caller skips, with kNoPostgres as the reason).
inline std::unique_ptr<TestDatabase> make_test_database(Backend backend) {
  if (backend == Backend::sqlite) return std::make_unique<SqliteTestDatabase>();
  const auto url = postgres_test_url();
  if (!url) return nullptr;
  return std::make_unique<PgTestDatabase>(*url);
}

}  // namespace livedesk::store::test_support

// Runs every TEST_P of `suite` (a TestWithParam<Backend>) against both backends.
#define LIVEDESK_INSTANTIATE_FOR_EVERY_BACKEND(suite)                                                           \
  INSTANTIATE_TEST_SUITE_P(Sqlite, suite, ::testing::Values(::livedesk::store::test_support::Backend::sqlite)); \
  INSTANTIATE_TEST_SUITE_P(Postgres, suite, ::testing::Values(::livedesk::store::test_support::Backend::postgres))
