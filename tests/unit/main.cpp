// The one main() of the Catch2 unit test executable (tests/unit/*_test.cpp).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
