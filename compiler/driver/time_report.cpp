#include "compiler/driver/time_report.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>

#include "fmt/format.h"

namespace caios {

TimeReport::TimeReport() : last_(std::chrono::steady_clock::now()) {}

void TimeReport::EndPhase(std::string_view phase) {
  const auto now = std::chrono::steady_clock::now();
  const double milliseconds = std::chrono::duration<double, std::milli>(now - last_).count();
  auto it =
      std::find_if(phases_.begin(), phases_.end(), [&](const Phase& p) { return p.name == phase; });
  if (it == phases_.end()) it = phases_.insert(phases_.end(), Phase{std::string(phase)});
  it->milliseconds += milliseconds;
  it->resident_kib = ResidentKiB();
  // Reading the memory is not part of the next phase.
  last_ = std::chrono::steady_clock::now();
}

void TimeReport::Print(std::ostream& err) const {
  auto mib = [](int64_t kib) {
    return kib < 0 ? std::string("?") : fmt::format("{:.1f} MiB", static_cast<double>(kib) / 1024);
  };
  double total = 0;
  // The peak is getrusage's, or the largest reading at a phase's end if one was larger (the
  // two count the same pages, but are read at different moments).
  int64_t peak = PeakResidentKiB();
  err << "time report (wall clock of each phase; resident memory at its end):\n";
  for (const Phase& p : phases_) {
    total += p.milliseconds;
    peak = std::max(peak, p.resident_kib);
    err << fmt::format("  {:<10} {:>9.2f} ms {:>11}\n", p.name, p.milliseconds,
                       mib(p.resident_kib));
  }
  err << fmt::format("  {:<10} {:>9.2f} ms {:>11} at the peak\n", "total", total, mib(peak));
}

int64_t ResidentKiB() {
  FILE* statm = std::fopen("/proc/self/statm", "r");
  if (statm == nullptr) return -1;
  long long size = 0, resident = 0;
  const bool read = std::fscanf(statm, "%lld %lld", &size, &resident) == 2;
  std::fclose(statm);
  const long page = sysconf(_SC_PAGESIZE);
  return read && page > 0 ? static_cast<int64_t>(resident) * (page / 1024) : -1;
}

int64_t PeakResidentKiB() {
  rusage usage{};
  if (getrusage(RUSAGE_SELF, &usage) != 0) return -1;
  return usage.ru_maxrss;  // KiB on Linux
}

}  // namespace caios
