#!/bin/sh
# The shipped caios loads no shared library but libc (with libm) and mimalloc: libstdc++ and
# libgcc are linked in and fmt is compiled in (CMakeLists.txt; docs/architecture.md, "Build
# targets"). Each library more costs every run its loading and relocation: about 1.8 ms for
# libfmt and libstdc++ (docs/performance.md, "Nothing to load but libc").
# Usage: startup_libraries.sh CAIOS
set -eu
caios="$1"
"$caios" --version >/dev/null  # it runs
# Everything the dynamic loader maps, with what the libraries themselves need.
loaded=$(ldd "$caios" | awk '{print $1}')
status=0
for lib in $loaded; do
  case "$lib" in
    linux-vdso.so.* | /lib*/ld-linux*.so.* | libc.so.* | libm.so.* | libmimalloc.so.*) ;;
    *)
      echo "startup_libraries: $caios loads $lib" >&2
      status=1
      ;;
  esac
done
exit $status
