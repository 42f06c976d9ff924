// Reading source files: the size limit is checked on the bytes read, non-regular files are
// refused without blocking (issue 15 #4, #5).
#include <sys/stat.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "compiler/source/read_file.h"
#include "tests/unit/scratch_test_util.h"

namespace fs = std::filesystem;

namespace {

using caios::testing::Scratch;

}  // namespace

TEST_CASE("read: a regular file is read whole", "[read]") {
  Scratch s;
  { std::ofstream(s.dir / "a.caios") << "app a\n"; }
  caios::ReadResult r = caios::ReadSourceFile(s.dir / "a.caios");
  CHECK(r.status == caios::ReadStatus::kOk);
  CHECK(r.text == "app a\n");
  CHECK_FALSE(r.from_stdin);
}

TEST_CASE("read: the limit holds for the bytes read, whatever the size claims", "[read]") {
  Scratch s;
  { std::ofstream(s.dir / "ten.caios") << "0123456789"; }
  CHECK(caios::ReadSourceFile(s.dir / "ten.caios", 10).status == caios::ReadStatus::kOk);
  CHECK(caios::ReadSourceFile(s.dir / "ten.caios", 9).status == caios::ReadStatus::kTooLarge);
  // /proc files report a size of 0 but have contents: they are read to their end.
  caios::ReadResult proc = caios::ReadSourceFile("/proc/self/status", 1 << 20);
  CHECK(proc.status == caios::ReadStatus::kOk);
  CHECK(proc.text.find("Name:") != std::string::npos);
  CHECK(caios::ReadSourceFile("/proc/self/status", 8).status == caios::ReadStatus::kTooLarge);
}

TEST_CASE("read: FIFOs, devices and folders are refused without blocking", "[read]") {
  Scratch s;
  fs::path fifo = s.dir / "pipe.caios";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  // Without a writer a blocking open would wait forever; this returns at once.
  caios::ReadResult r = caios::ReadSourceFile(fifo);
  CHECK(r.status == caios::ReadStatus::kNotRegular);
  CHECK(r.why == "it is a FIFO (named pipe), not a regular file");
  CHECK(caios::ReadSourceFile("/dev/zero").status == caios::ReadStatus::kNotRegular);
  CHECK(caios::ReadSourceFile(s.dir).status == caios::ReadStatus::kDirectory);
  CHECK(caios::ReadSourceFile(s.dir / "missing.caios").status == caios::ReadStatus::kNotFound);
}
