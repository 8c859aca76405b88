// Conversations as history and their full-text search, in every store: the same rows and the same matches on
// SQLite (FTS5) and PostgreSQL (tsvector), since docs/api.md promises one search syntax and meaning.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "store/contract/store_test_fixture.hpp"
#include "store/conversation_sql.hpp"

namespace livedesk::store {
namespace {

using test_support::kT0;
using Ids = std::vector<std::int64_t>;
using Query = domain::SearchQuery;

Ids ids_of_rows(const std::vector<ConversationRow>& rows) {
  Ids ids;
  for (const auto& row : rows) ids.push_back(row.id);
  return ids;
}

class ConversationStoreTest : public test_support::AgentToolsTest {
 protected:
  ConversationStore& conversations() { return store_->conversations(); }

  // A conversation with one message per body (customer and agent in turn), indexed.
  std::int64_t chat(std::vector<std::string> bodies, std::string subject = "help", std::int64_t customer = 0) {
    ChatSession session = waiting(kT0 + 100 * (++chats_), customer);
    session.subject = std::move(subject);
    const auto id = store_->sessions().insert(session);
    std::int64_t seq = 0;
    for (auto& body : bodies) {
      ++seq;
      Message m = message(id, seq, seq % 2 ? "customer" : "agent");
      m.body = std::move(body);
      store_->messages().insert(m);
    }
    conversations().index(id);
    return id;
  }

  Ids search(std::string_view text, ConversationFilter filter = {}) {
    return conversations().search_newest(Query::parse(text), filter, std::nullopt, 100);
  }

  int chats_ = 0;
};

TEST_P(ConversationStoreTest, ListsNewestFirstWithTheirCustomerAgentRatingAndMessages) {
  const auto other_customer = store_->contacts().upsert("Olaf", "olaf@example.com", kT0).id;
  ChatSession done = closed(kT0 + 10, kT0 + 20, agent_);
  const auto rated = store_->sessions().insert(done);
  store_->messages().insert(message(rated, 1));
  store_->messages().insert(message(rated, 2, "agent"));
  store_->ratings().insert({rated, 5, "great", kT0 + 21});
  ChatSession missed = closed(kT0 + 30, kT0 + 40, std::nullopt);
  missed.customer_id = other_customer;
  missed.close_reason = "missed";
  const auto lost = store_->sessions().insert(missed);

  EXPECT_EQ(ids_of_rows(conversations().list({}, std::nullopt, 10)), (Ids{lost, rated, session_}));
  const auto row = conversations().find(rated);
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(row->status, "closed");
  EXPECT_EQ(row->customer_id, customer_);
  EXPECT_EQ(row->customer_name, "Carla");
  EXPECT_EQ(row->customer_email, "carla@example.com");
  EXPECT_EQ(row->agent_id, agent_);
  EXPECT_EQ(row->agent_name, "Agent");
  EXPECT_EQ(row->subject, "help");
  EXPECT_EQ(row->created_ms, kT0 + 10);
  EXPECT_EQ(row->closed_ms, kT0 + 20);
  EXPECT_EQ(row->close_reason, "resolved");
  EXPECT_EQ(row->rating, 5);
  EXPECT_EQ(row->message_count, 2);
  EXPECT_EQ(row->last_message_ms, kT0 + 2);
  EXPECT_FALSE(row->erased_ms.has_value());
  const auto empty = conversations().find(session_);
  EXPECT_EQ(empty->message_count, 0);
  EXPECT_FALSE(empty->last_message_ms.has_value());
  EXPECT_FALSE(empty->agent_id.has_value());
  EXPECT_EQ(empty->agent_name, "");
  EXPECT_FALSE(conversations().find(lost + 100).has_value());
  EXPECT_EQ(ids_of_rows(conversations().find_many({session_, lost + 100, lost})), (Ids{session_, lost}));

  // The keyset: below an id, never the rows above it, whatever arrives meanwhile.
  EXPECT_EQ(ids_of_rows(conversations().list({}, lost, 1)), (Ids{rated}));
  store_->sessions().insert(waiting(kT0 + 50));
  EXPECT_EQ(ids_of_rows(conversations().list({}, rated, 10)), (Ids{session_}));
}

TEST_P(ConversationStoreTest, FiltersNarrowTheListAndTheSearchAlike) {
  const auto other_customer = store_->contacts().upsert("Olaf", "olaf@example.com", kT0).id;
  const auto tag = store_->tags().insert({0, "billing", "", kT0, std::nullopt});
  const auto other_tag = store_->tags().insert({0, "vip", "", kT0, std::nullopt});
  const auto disposition = store_->dispositions().insert({0, "Refund", kT0, std::nullopt});
  ChatSession a = closed(kT0 + 10, kT0 + 20, agent_);
  const auto rated = store_->sessions().insert(a);
  store_->ratings().insert({rated, 4, "", kT0 + 21});
  store_->tags().add_to_session(rated, tag, agent_, kT0 + 15);
  ChatSession b = closed(kT0 + 30, kT0 + 40, agent2_);
  b.customer_id = other_customer;
  b.close_reason = "missed";
  const auto missed = store_->sessions().insert(b);
  store_->tags().add_to_session(missed, other_tag, agent_, kT0 + 35);
  store_->dispositions().set_of_session(missed, disposition);
  for (auto id : {session_, rated, missed}) {
    Message m = message(id, 1);
    m.body = "the parcel never came";
    store_->messages().insert(m);
    conversations().index(id);
  }

  auto both = [&](ConversationFilter f) {
    const Ids listed = ids_of_rows(conversations().list(f, std::nullopt, 10));
    EXPECT_EQ(search("parcel", f), listed);
    return listed;
  };
  EXPECT_EQ(both({.statuses = {"closed"}}), (Ids{missed, rated}));
  EXPECT_EQ(both({.statuses = {"waiting", "active"}}), (Ids{session_}));
  EXPECT_EQ(both({.agent_id = agent2_}), (Ids{missed}));
  EXPECT_EQ(both({.customer_id = customer_}), (Ids{rated, session_}));
  EXPECT_EQ(both({.tag_ids = {tag}}), (Ids{rated}));
  EXPECT_EQ(both({.tag_ids = {tag, other_tag}}), (Ids{missed, rated}));
  EXPECT_EQ(both({.disposition_id = disposition}), (Ids{missed}));
  EXPECT_EQ(both({.close_reason = "missed"}), (Ids{missed}));
  EXPECT_EQ(both({.ratings = {4, 5}}), (Ids{rated}));
  EXPECT_EQ(both({.ratings = {1}}), (Ids{}));
  EXPECT_EQ(both({.created_from_ms = kT0 + 10, .created_to_ms = kT0 + 30}), (Ids{rated}));
  EXPECT_EQ(both({.statuses = {"closed"}, .agent_id = agent_, .ratings = {4}}), (Ids{rated}));

  const auto tags = conversations().tags_of({missed, rated, session_});
  ASSERT_EQ(tags.size(), 2u);
  EXPECT_EQ(tags[0].first, rated);
  EXPECT_EQ(tags[0].second.name, "billing");
  EXPECT_EQ(tags[1].first, missed);
  EXPECT_EQ(tags[1].second.id, other_tag);
  EXPECT_EQ(conversations().find(missed)->disposition_name, "Refund");
}

TEST_P(ConversationStoreTest, SearchMeansTheSameOnEveryBackend) {
  const auto mueller = chat({"Guten Tag, mein Name ist Müller", "Wie kann ich helfen?"});
  const auto invoice = chat({"My invoice shows a double charge", "I will refund the charge today"});
  const auto cyrillic = chat({"Привет, заказ не пришёл", "Проверим ваш ЗАКАЗ"});
  const auto email = chat({"The e-mail to bob@example.com bounced", "Version 10.5 fixes that"});
  const auto greek = chat({"Καλημέρα, η παραγγελία άργησε"});

  // Words are all required; case and accents are folded.
  EXPECT_EQ(search("muller"), (Ids{mueller}));
  EXPECT_EQ(search("MÜLLER"), (Ids{mueller}));
  EXPECT_EQ(search("invoice charge"), (Ids{invoice}));
  EXPECT_EQ(search("invoice müller"), (Ids{}));
  // Phrases: adjacent and in order.
  EXPECT_EQ(search("\"double charge\""), (Ids{invoice}));
  EXPECT_EQ(search("\"charge double\""), (Ids{}));
  // Prefixes.
  EXPECT_EQ(search("refu*"), (Ids{invoice}));
  EXPECT_EQ(search("inv* ref*"), (Ids{invoice}));
  // Exclusions.
  EXPECT_EQ(search("charge -refund"), (Ids{}));
  EXPECT_EQ(search("charge -\"bob\""), (Ids{invoice}));
  // Non-Latin scripts, case folded there too.
  EXPECT_EQ(search("заказ"), (Ids{cyrillic}));
  EXPECT_EQ(search("ПРИВЕТ"), (Ids{cyrillic}));
  EXPECT_EQ(search("παραγγελία"), (Ids{greek}));
  // Punctuation separates words: an address or a version is found by its parts, or whole.
  EXPECT_EQ(search("bob"), (Ids{email}));
  EXPECT_EQ(search("bob@example.com"), (Ids{email}));
  EXPECT_EQ(search("email"), (Ids{}));
  EXPECT_EQ(search("e-mail"), (Ids{email}));
  EXPECT_EQ(search("10.5"), (Ids{email}));
  // The customer's name and email and the subject are searched too.
  EXPECT_EQ(search("carla").size(), 5u);
  EXPECT_EQ(search("carla@example.com").size(), 5u);
  const auto subject = chat({"hello"}, "Lost luggage");
  EXPECT_EQ(search("luggage"), (Ids{subject}));
}

TEST_P(ConversationStoreTest, AFilterTooRareForTheFirstWalkIsSearchedFromItsSide) {
  // The search walks the newest matches first (walk_floor of them at least); what passes a filter more rarely
  // is looked for another way. A short walk reaches that second way here.
  const int saved = ConversationSql::walk_floor;
  ConversationSql::walk_floor = 2;
  const auto rare = store_->contacts().upsert("Rare", "rare@example.com", kT0).id;
  Ids theirs;
  for (int i = 0; i < 12; ++i) {
    const bool rare_one = i == 1 || i == 3 || i == 4;
    const auto id = chat({"alpha " + std::to_string(i)}, "help", rare_one ? rare : 0);
    if (rare_one) theirs.insert(theirs.begin(), id);
  }
  const auto beta = chat({"beta"}, "help", rare);
  ConversationFilter filter;
  filter.customer_id = rare;
  const auto q = Query::parse("alpha");
  EXPECT_EQ(conversations().search_newest(q, filter, std::nullopt, 10), theirs);           // the walk reads every match
  EXPECT_EQ(conversations().search_newest(q, filter, std::nullopt, 1), (Ids{theirs[0]}));  // found the other way
  EXPECT_EQ(conversations().search_newest(q, filter, std::nullopt, 2), (Ids{theirs[0], theirs[1]}));  // both ways
  EXPECT_EQ(conversations().search_newest(q, filter, theirs[0], 1), (Ids{theirs[1]}));
  EXPECT_EQ(conversations().search_newest(q, filter, theirs[2], 1), Ids{});
  const auto ranked = conversations().search_ranked(q, filter, theirs[0] + 100, std::nullopt, 2, 10);
  Ids ranked_ids;
  for (const auto& match : ranked) ranked_ids.push_back(match.id);
  std::sort(ranked_ids.rbegin(), ranked_ids.rend());
  EXPECT_EQ(ranked_ids, (Ids{theirs[0], theirs[1]}));  // the window: the two newest matches
  // The list without a query walks the same way: the newest sessions first, then the filter's own index.
  EXPECT_EQ(ids_of_rows(conversations().list(filter, std::nullopt, 1)), (Ids{beta}));
  EXPECT_EQ(ids_of_rows(conversations().list(filter, std::nullopt, 2)), (Ids{beta, theirs[0]}));
  EXPECT_EQ(ids_of_rows(conversations().list(filter, std::nullopt, 10)), (Ids{beta, theirs[0], theirs[1], theirs[2]}));
  EXPECT_EQ(ids_of_rows(conversations().list(filter, theirs[0], 1)), (Ids{theirs[1]}));
  ConversationSql::walk_floor = saved;
}

TEST_P(ConversationStoreTest, NotesAndWhispersAreSearchedUntilDeleted) {
  const auto id = chat({"hello"});
  Note note = this->note(id, "note", kT0 + 5);
  note.body = "customer is a reseller";
  const auto note_id = store_->notes().insert(note);
  Note whisper = this->note(id, "whisper", kT0 + 6);
  whisper.body = "offer the loyalty discount";
  store_->notes().insert(whisper);
  conversations().index(id);
  EXPECT_EQ(search("reseller"), (Ids{id}));
  EXPECT_EQ(search("loyalty"), (Ids{id}));

  note.id = note_id;
  note.deleted_ms = kT0 + 7;
  store_->notes().update(note);
  conversations().index(id);
  EXPECT_EQ(search("reseller"), (Ids{}));
  EXPECT_EQ(search("loyalty"), (Ids{id}));
}

TEST_P(ConversationStoreTest, SnippetsMarkTheHitsAndSayWhereTheyAre) {
  const auto id = chat({"The parcel was left at the neighbour's door", "We will send a new one"}, "Delivery");
  Note note = this->note(id, "note", kT0 + 5);
  note.body = "courier complaint filed";
  store_->notes().insert(note);
  conversations().index(id);
  const auto other = chat({"nothing to see"});

  auto snippet = [&](std::string_view q) {
    const auto found = conversations().snippets(Query::parse(q), {id, other});
    EXPECT_EQ(found.size(), 1u) << q;
    return found.empty() ? SearchSnippet{} : found.front();
  };
  const std::string hit = std::string(kHitStart) + "parcel" + kHitEnd;
  auto s = snippet("parcel");
  EXPECT_EQ(s.id, id);
  EXPECT_EQ(s.matched_in, "messages");
  EXPECT_NE(s.text.find(hit), std::string::npos) << s.text;
  EXPECT_NE(s.text.find("neighbour"), std::string::npos) << s.text;
  s = snippet("courier");
  EXPECT_EQ(s.matched_in, "notes");
  EXPECT_NE(s.text.find(std::string(kHitStart) + "courier" + kHitEnd), std::string::npos) << s.text;
  EXPECT_EQ(snippet("delivery").matched_in, "subject");
  const auto customer = conversations().snippets(Query::parse("carla"), {id});  // both are Carla's
  ASSERT_EQ(customer.size(), 1u);
  EXPECT_EQ(customer[0].matched_in, "customer");
  EXPECT_TRUE(conversations().snippets(Query::parse("absent"), {id, other}).empty());

  // A body holding the marker characters cannot forge a hit: index() leaves them out.
  const auto forged = chat({std::string("plain ") + kHitStart + "fake" + kHitEnd + " word"});
  const auto f = conversations().snippets(Query::parse("plain"), {forged});
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].text.find(std::string(kHitStart) + "fake"), std::string::npos) << f[0].text;
  EXPECT_NE(f[0].text.find("fake"), std::string::npos) << f[0].text;
}

TEST_P(ConversationStoreTest, RankingOrdersTheNewestWindowByRelevanceAndPagesByScore) {
  const auto once = chat({"refund", "ok"});
  const auto subject = chat({"hello"}, "refund");  // the subject weighs more than a message
  const auto often = chat({"refund refund refund please refund", "refund sent"});
  // Enough conversations without the word that it is rare (FTS5's bm25 gives a word in most rows no weight).
  std::int64_t none = 0;
  for (int i = 0; i < 6; ++i) none = chat({"nothing"});
  const auto all = conversations().search_ranked(Query::parse("refund"), {}, none, std::nullopt, 1000, 10);
  ASSERT_EQ(all.size(), 3u);
  Ids order;
  for (const auto& m : all) order.push_back(m.id);
  EXPECT_EQ(order.size(), 3u);
  EXPECT_EQ(order.back(), once);  // one mention in a message is the weakest
  for (std::size_t i = 1; i < all.size(); ++i)
    EXPECT_TRUE(all[i - 1].score > all[i].score || (all[i - 1].score == all[i].score && all[i - 1].id > all[i].id));

  // Pages follow on from the last match, exactly.
  const auto first = conversations().search_ranked(Query::parse("refund"), {}, none, std::nullopt, 1000, 2);
  ASSERT_EQ(first.size(), 2u);
  const auto rest = conversations().search_ranked(Query::parse("refund"), {}, none, first.back(), 1000, 2);
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(rest[0].id, all[2].id);
  // Only the newest `window` matches are ranked, and nothing above max_id.
  const auto window = conversations().search_ranked(Query::parse("refund"), {}, none, std::nullopt, 2, 10);
  Ids windowed;
  for (const auto& m : window) windowed.push_back(m.id);
  std::sort(windowed.begin(), windowed.end());
  EXPECT_EQ(windowed, (Ids{subject, often}));
  EXPECT_EQ(conversations().search_ranked(Query::parse("refund"), {}, subject, std::nullopt, 1000, 10).size(), 2u);
  // Newest order pages by id.
  EXPECT_EQ(conversations().search_newest(Query::parse("refund"), {}, often, 10), (Ids{subject, once}));
}

TEST_P(ConversationStoreTest, ErasedConversationsLeaveTheIndexAndARebuildWalksEverySession) {
  const auto kept = chat({"secret plans"});
  const auto erased = chat({"secret address"});
  store_->privacy().erase_conversation(erased, kT0 + 1000);
  conversations().index(erased);
  EXPECT_EQ(search("secret"), (Ids{kept}));
  EXPECT_TRUE(conversations().snippets(Query::parse("secret"), {erased}).empty());

  conversations().clear_index();
  EXPECT_EQ(search("secret"), (Ids{}));
  EXPECT_EQ(conversations().ids_after(0, 100), (Ids{session_, kept, erased}));
  EXPECT_EQ(conversations().ids_after(session_, 1), (Ids{kept}));
  for (auto id : conversations().ids_after(0, 100)) conversations().index(id);
  EXPECT_EQ(search("secret"), (Ids{kept}));

  const auto other_customer = store_->contacts().upsert("Olaf", "olaf@example.com", kT0).id;
  const auto olaf = chat({"hi"}, "help", other_customer);
  EXPECT_EQ(conversations().ids_of_customer(other_customer), (Ids{olaf}));
  EXPECT_EQ(conversations().ids_of_customer(customer_), (Ids{session_, kept, erased}));
}

TEST_P(ConversationStoreTest, TheSearchQueueGivesWhatWaitedLongEnoughAndWhatClosedAtOnce) {
  const auto open = store_->sessions().insert(waiting(kT0));
  const auto later = store_->sessions().insert(waiting(kT0));
  const auto done = store_->sessions().insert(closed(kT0, kT0 + 5, agent_));
  conversations().mark_dirty({open, done}, kT0 + 100);
  conversations().mark_dirty({later}, kT0 + 200);
  conversations().mark_dirty({open}, kT0 + 300);  // still waiting since kT0 + 100
  EXPECT_EQ(conversations().due(kT0 + 99, 10), (Ids{done}));
  EXPECT_EQ(conversations().due(kT0 + 100, 10), (Ids{open, done}));
  EXPECT_EQ(conversations().due(kT0 + 200, 10), (Ids{open, done, later}));
  EXPECT_EQ(conversations().due(kT0 + 200, 1), (Ids{open}));
  conversations().clear_dirty({open, done});
  EXPECT_EQ(conversations().due(kT0 + 1000, 10), (Ids{later}));
  conversations().mark_dirty({done + 100}, kT0 + 900);  // no such session: due at once (its row must go)
  EXPECT_EQ(conversations().due(kT0, 10), (Ids{done + 100}));
}

LIVEDESK_INSTANTIATE_FOR_EVERY_BACKEND(ConversationStoreTest);

}  // namespace
}  // namespace livedesk::store
