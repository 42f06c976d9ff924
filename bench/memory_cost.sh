#!/usr/bin/env bash
# What fresh memory and new files cost on this machine, the costs that docs/performance.md
# ("Memory is time on this machine") found under a build's time: touching MIB MiB of new
# anonymous memory in 4 KiB pages and in 2 MiB (transparent huge) pages, and creating FILES
# files of 2,000 bytes in a new folder of DIR. Each figure is the median of RUNS runs.
#   [MIB=16] [FILES=200] [RUNS=5] [DIR=/dev/shm, else the temp folder] bench/memory_cost.sh
# Linux only (madvise, /proc/vmstat). Needs a C compiler (cc); the program is compiled into a
# temporary folder, and nothing is kept.
set -euo pipefail
mib="${MIB:-16}"
files="${FILES:-200}"
runs="${RUNS:-5}"
dir="${DIR:-$( [ -d /dev/shm ] && [ -w /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}")}"
for value in "$mib" "$files" "$runs"; do
  [[ "$value" =~ ^[1-9][0-9]*$ ]] || { echo "MIB, FILES and RUNS must be positive integers" >&2; exit 2; }
done
[ -d "$dir" ] && [ -w "$dir" ] || { echo "DIR=$dir is not a writable folder" >&2; exit 2; }
work="$(mktemp -d)"
folder="$dir/caios-memory-cost-$$"
trap 'rm -rf "$work" "$folder"' EXIT
cat > "$work/cost.c" <<'EOF'
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void fail(const char* what) {
  perror(what);
  exit(2);
}

/* thp_fault_alloc of /proc/vmstat: the 2 MiB pages the kernel has given so far, or -1. */
static long huge_pages_given(void) {
  FILE* f = fopen("/proc/vmstat", "r");
  char line[256];
  long n = -1;
  while (f && fgets(line, sizeof line, f)) {
    if (strncmp(line, "thp_fault_alloc ", 16) == 0) n = atol(line + 16);
  }
  if (f) fclose(f);
  return n;
}

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* Touches `mib` MiB of new memory, one byte per 4 KiB; `huge`: asks for 2 MiB pages. */
static double touch(size_t mib, int huge) {
  const size_t align = (size_t)2 << 20, size = mib << 20;
  char* raw = mmap(NULL, size + align, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) fail("mmap");
  char* p = (char*)(((uintptr_t)raw + align - 1) & ~(uintptr_t)(align - 1));
  if (madvise(p, size, huge ? MADV_HUGEPAGE : MADV_NOHUGEPAGE) != 0) fail("madvise");
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
  if (mkdir(folder, 0755) != 0) fail(folder);
  double start = now_ms();
  for (int i = 0; i < n; ++i) {
    snprintf(path, sizeof path, "%s/f%d.json", folder, i);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0 || write(fd, text, sizeof text) != (ssize_t)sizeof text) fail(path);
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
  double small = touch(mib, 0);
  long before = huge_pages_given();
  double huge = touch(mib, 1);
  long given = before < 0 ? -1 : huge_pages_given() - before;
  printf("%.3f %.3f %.3f %ld\n", small, huge, create(argv[3], files), given);
  return 0;
}
EOF
cc -O2 -o "$work/cost" "$work/cost.c"
for _ in $(seq "$runs"); do
  "$work/cost" "$mib" "$files" "$folder"
done > "$work/times"
median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
small=$(awk '{print $1}' "$work/times" | median)
huge=$(awk '{print $2}' "$work/times" | median)
create=$(awk '{print $3}' "$work/times" | median)
given=$(awk '{print $4}' "$work/times" | median)
echo "machine: $(nproc) cores, $(uname -r), transparent huge pages: $(cat /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null || echo unknown)"
awk -v m="$mib" -v t="$small" 'BEGIN { printf "%d MiB in 4 KiB pages:  %8.2f ms  (%.2f ms per MiB, %.1f us per page)\n", m, t, t / m, t * 1000 / (m * 256) }'
awk -v m="$mib" -v t="$huge" -v g="$given" 'BEGIN { printf "%d MiB in 2 MiB pages:  %8.2f ms  (%.2f ms per MiB, %.0f us per page; the kernel gave %s of %d)\n", m, t, t / m, t * 1000 / (m / 2), (g < 0 ? "?" : g), m / 2 }'
awk -v n="$files" -v t="$create" -v d="$dir" 'BEGIN { printf "%d files in %s: %8.2f ms  (%.1f us per file)\n", n, d, t, t * 1000 / n }'
echo "(medians of $runs runs)"
