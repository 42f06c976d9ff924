// The wall time and resident memory of each phase of `caios build --time-report`
// (docs/cli.md#the-time-report).
#pragma once

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace caios {

class TimeReport {
 public:
  // Starts the clock of the first phase.
  TimeReport();
  // Ends the running phase as `phase` and starts the next. A phase that ends more than once
  // (lowering, once per application) adds up; the memory is the last one measured.
  void EndPhase(std::string_view phase);
  // The phases in the order they first ended, their total, and the peak resident memory.
  void Print(std::ostream& err) const;

 private:
  struct Phase {
    std::string name;
    double milliseconds = 0;
    int64_t resident_kib = -1;
  };
  std::chrono::steady_clock::time_point last_;
  std::vector<Phase> phases_;
};

// Ends `phase` when there is a report (`caios build` without --time-report passes none).
inline void EndPhase(TimeReport* report, std::string_view phase) {
  if (report != nullptr) report->EndPhase(phase);
}

// The process's resident memory in KiB (/proc/self/statm), or -1 where it cannot be read.
int64_t ResidentKiB();
// The most resident memory the process has had, in KiB (getrusage), or -1.
int64_t PeakResidentKiB();

}  // namespace caios
