#!/bin/sh
# make lint: clang-format must leave every file unchanged, and clang-tidy
# (.clang-tidy) must report nothing for the library and the CLI.
# usage: tools/lint.sh BUILD_DIR   (a configured build with compile_commands.json)
set -eu
cd "$(dirname "$0")/.."
build=$1
status=0
files=$(git ls-files '*.c' '*.h')
if ! clang-format --dry-run --Werror $files; then
  echo "lint: clang-format would change the files above (run 'make format')" >&2
  status=1
fi
srcs=$(git ls-files 'src/*.c' 'app/*.c')
if ! clang-tidy -quiet -p "$build" $srcs 2>/dev/null; then
  echo "lint: clang-tidy found problems (above)" >&2
  status=1
fi
[ $status -eq 0 ] && echo "lint: clean"
exit $status
