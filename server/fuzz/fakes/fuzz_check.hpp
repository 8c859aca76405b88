#pragma once
// FUZZ_CHECK(condition): an invariant of a fuzz target. A broken one prints
// where and aborts, which libFuzzer reports as a crash and saves the input of.
#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition)                                                               \
  do {                                                                                      \
    if (!(condition)) {                                                                     \
      std::fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                         \
    }                                                                                       \
  } while (false)
