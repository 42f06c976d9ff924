#!/usr/bin/env bash
# What fresh memory and new files cost on this machine, the costs that docs/performance.md
# ("Memory is time on this machine") found under a build's time: touching MIB MiB of new
# anonymous memory in 4 KiB pages and in 2 MiB (transparent huge) pages, and creating FILES
# files of 2,000 bytes in a new folder of DIR. Each figure is the median of RUNS runs.
#   bench/memory_cost.sh            MIB=16 FILES=200 RUNS=5 DIR=/dev/shm (else the temp folder)
# Needs a C compiler (cc); the program is compiled into a temporary folder, nothing is kept.
set -euo pipefail
mib="${MIB:-16}"
files="${FILES:-200}"
runs="${RUNS:-5}"
dir="${DIR:-$( [ -d /dev/shm ] && [ -w /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}")}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat > "$work/cost.c" <<'EOF'
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* Touches `mib` MiB of new memory, one byte per 4 KiB; `huge`: asks for 2 MiB pages. */
static double touch(size_t mib, int huge) {
  const size_t align = (size_t)2 << 20, size = mib << 20;
  char* raw = mmap(NULL, size + align, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) exit(2);
  char* p = (char*)(((unsigned long)raw + align - 1) & ~(align - 1));
  madvise(p, size, huge ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
  double start = now_ms();
  for (size_t i = 0; i < size; i += 4096) p[i] = 1;
  double ms = now_ms() - start;
  munmap(raw, size + align);
  return ms;
}

/* Creates `n` files of 2,000 bytes in the new folder `folder` (then removes them). */
static double create(const char* folder, int n) {
  static char text[2000];
  char path[4096];
  memset(text, 'x', sizeof text);
  if (mkdir(folder, 0755) != 0) exit(2);
  double start = now_ms();
  for (int i = 0; i < n; ++i) {
    snprintf(path, sizeof path, "%s/f%d.json", folder, i);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0 || write(fd, text, sizeof text) != (ssize_t)sizeof text) exit(2);
    close(fd);
  }
  double ms = now_ms() - start;
  for (int i = 0; i < n; ++i) {
    snprintf(path, sizeof path, "%s/f%d.json", folder, i);
    unlink(path);
  }
  rmdir(folder);
  return ms;
}

int main(int argc, char** argv) {
  size_t mib = strtoul(argv[1], NULL, 10);
  int files = atoi(argv[2]);
  printf("%.3f %.3f %.3f\n", touch(mib, 0), touch(mib, 1), create(argv[3], files));
  return 0;
}
EOF
cc -O2 -o "$work/cost" "$work/cost.c"
for _ in $(seq "$runs"); do
  "$work/cost" "$mib" "$files" "$dir/caios-memory-cost-$$"
done > "$work/times"
median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
small=$(awk '{print $1}' "$work/times" | median)
huge=$(awk '{print $2}' "$work/times" | median)
create=$(awk '{print $3}' "$work/times" | median)
echo "machine: $(nproc) cores, $(uname -r), transparent huge pages: $(cat /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null || echo unknown)"
awk -v m="$mib" -v t="$small" 'BEGIN { printf "%d MiB in 4 KiB pages:  %8.2f ms  (%.2f ms per MiB, %.1f us per page)\n", m, t, t / m, t * 1000 / (m * 256) }'
awk -v m="$mib" -v t="$huge" 'BEGIN { printf "%d MiB in 2 MiB pages:  %8.2f ms  (%.2f ms per MiB, %.0f us per page)\n", m, t, t / m, t * 1000 / (m / 2) }'
awk -v n="$files" -v t="$create" -v d="$dir" 'BEGIN { printf "%d files in %s: %8.2f ms  (%.1f us per file)\n", n, d, t, t * 1000 / n }'
echo "(medians of $runs runs)"
