# storyline: developer commands. CMake does the building; see README.md.
.POSIX:
MAKEFLAGS += --no-print-directory
BUILD      ?= build
TEST_BUILD ?= build-test
FUZZ_BUILD ?= build-fuzz
MEMCHECK_BUILD ?= build-memcheck
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
FUZZ_SECONDS ?= 45
DB         ?= storyline.db

.PHONY: all build deps demo test check-memory check-layers bench fuzz lint format clean

all: build

deps:
	@sh scripts/install-deps.sh build

build:
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DSL_TESTS=OFF >/dev/null
	@cmake --build $(BUILD) -j $(JOBS) --target storyline

demo: deps build
	@sh scripts/demo.sh $(BUILD)/storyline $(DB)

test: check-layers
	@sh scripts/install-deps.sh build test
	@cmake -S . -B $(TEST_BUILD) -DCMAKE_BUILD_TYPE=Debug -DSL_SANITIZE=ON >/dev/null
	@cmake --build $(TEST_BUILD) -j $(JOBS)
	@cd $(TEST_BUILD) && ctest --output-on-failure -j $(JOBS)

# The unit tests under valgrind's memcheck: a Debug build without
# sanitizers (they do not mix with valgrind) nor pattern-filled locals
# (memcheck must see them undefined).
check-memory:
	@sh scripts/install-deps.sh build memcheck
	@cmake -S . -B $(MEMCHECK_BUILD) -DCMAKE_BUILD_TYPE=Debug -DSL_SANITIZE=OFF \
	  -DSL_VALGRIND=ON >/dev/null
	@cmake --build $(MEMCHECK_BUILD) -j $(JOBS) --target unit_tests
	@cd $(MEMCHECK_BUILD) && ctest --output-on-failure -j $(JOBS) -R '^unit/'

check-layers:
	@sh tools/check-layers.sh

bench: deps build
	@cmake --build $(BUILD) -j $(JOBS) --target storyline bench_ingest bench_extract bench_dedup bench_timex bench_ner bench_cluster bench_search bench_dossier bench_timeline
	@sh bench/run.sh $(BUILD)

fuzz:
	@sh scripts/install-deps.sh fuzz
	@CC=clang cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DSL_TESTS=OFF -DSL_FUZZ=ON >/dev/null
	@cmake --build $(FUZZ_BUILD) -j $(JOBS)
	@sh fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

lint:
	@sh scripts/install-deps.sh lint
	@cmake -S . -B $(TEST_BUILD) -DCMAKE_BUILD_TYPE=Debug -DSL_SANITIZE=ON >/dev/null
	@sh tools/lint.sh $(TEST_BUILD)

format:
	@git ls-files '*.c' '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD) $(TEST_BUILD) $(FUZZ_BUILD) $(MEMCHECK_BUILD)
