// Customers, in every store.
#include <gtest/gtest.h>

#include <string>

#include "store/contract/store_test_fixture.hpp"

namespace livedesk::store {
namespace {

using test_support::kT0;

// The chat fixture: one agent, one customer.
class ContactStoreTest : public test_support::ChatStoreTest {};

TEST_P(ContactStoreTest, UpsertCustomerTwiceKeepsOneRowAndUpdatesName) {
  const Contact first = store_->contacts().upsert("Dan", "dan@example.com", kT0 + 5);
  const Contact second = store_->contacts().upsert("Daniel", "dan@example.com", kT0 + 9);
  EXPECT_EQ(second.id, first.id);
  EXPECT_EQ(second.name, "Daniel");
  EXPECT_EQ(second.email, "dan@example.com");
  EXPECT_EQ(second.created_ms, kT0 + 5);  // the first sighting stays

  const auto found = store_->contacts().find(first.id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->name, "Daniel");
  EXPECT_FALSE(store_->contacts().find(first.id + 100).has_value());
  EXPECT_EQ(db_->number("SELECT count(*) FROM customers WHERE email = 'dan@example.com'"), 1);
  // The schema refuses an email the caller forgot to lowercase.
  EXPECT_THROW(store_->contacts().upsert("Eve", "Eve@Example.com", kT0), StoreError);
}

TEST_P(ContactStoreTest, FindCustomerByEmailIsAnExactMatch) {
  const auto found = store_->contacts().find_by_email("carla@example.com");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, customer_);
  EXPECT_EQ(found->name, "Carla");
  EXPECT_EQ(found->email, "carla@example.com");
  EXPECT_EQ(found->created_ms, kT0);
  EXPECT_FALSE(store_->contacts().find_by_email("Carla@example.com").has_value());
  EXPECT_FALSE(store_->contacts().find_by_email("carla@example").has_value());
}

LIVEDESK_INSTANTIATE_FOR_EVERY_BACKEND(ContactStoreTest);

}  // namespace
}  // namespace livedesk::store
