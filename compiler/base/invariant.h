// A check-and-abort macro for internal invariants of the check phase (never for user errors).
#pragma once

#include <cstdio>
#include <cstdlib>

#define CAIOS_CHECK_INVARIANT(cond)                                                          \
  do {                                                                                       \
    if (!(cond)) {                                                                           \
      std::fprintf(stderr, "caios internal error: %s:%d: invariant `%s` failed\n", __FILE__, \
                   __LINE__, #cond);                                                         \
      std::abort();                                                                          \
    }                                                                                        \
  } while (false)
