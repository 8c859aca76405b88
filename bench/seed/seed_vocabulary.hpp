// What the seeded conversations say: support sentences per language (English
// most, some German, French and Spanish, a little Greek and Russian), names,
// email domains, subjects per topic, notes, rating comments, tags and
// dispositions. Sentences hold slots ({order}, {product}, {error}, {amount},
// {tracking}, {agent}, {customer}, {days}) that the generator fills, so order
// numbers, error codes and tracking ids are the rare words of the history.
// Constant data; the accessor builds it once.
#pragma once

#include <string>
#include <vector>

namespace livedesk::bench {

struct SeedLanguage {
  std::string code;  // en, de, fr, es, el, ru
  double weight;     // share of contacts
  std::vector<std::string> countries;
  std::vector<std::string> first_names, last_names, email_domains;
  std::vector<std::string> openers;            // the customer's first words
  std::vector<std::string> problems;           // the customer's issue (any topic)
  std::vector<std::string> customer_lines;     // follow-ups
  std::vector<std::string> agent_greetings;    // the agent's first message
  std::vector<std::string> agent_lines;        // questions, answers
  std::vector<std::string> customer_closers;
  std::vector<std::string> agent_closers;
  std::vector<std::string> good_comments, bad_comments;
  std::vector<std::string> subjects;           // when the topic has none in this language
};

// One reason to contact support: its English subjects and problems, the tag and disposition it tends to get.
struct SeedTopic {
  std::string name;
  double weight;
  std::vector<std::string> subjects, problems;
  std::string tag, disposition;
};

struct SeedVocabulary {
  std::vector<SeedLanguage> languages;  // [0] is English
  std::vector<SeedTopic> topics;
  std::vector<std::string> products;
  std::vector<std::string> notes, whispers;     // staff-only, English
  std::vector<std::string> rare_lines;          // a sentence with a rare word, now and then
  std::vector<std::pair<std::string, std::string>> tags;  // name, colour; the last one is archived
  std::vector<std::string> dispositions;        // the last one is archived
};

const SeedVocabulary& seed_vocabulary();

}  // namespace livedesk::bench
