# fieldgrid: `make run` (the demo) and `make test` (all tests). Both install missing packages first.
BUILD ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= 2
DEMO_DIR ?= $(BUILD)/demo

.PHONY: all deps configure build test run bench soak screenshots format clean

all: build

deps:
	@./scripts/deps.sh

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

configure: deps $(BUILD)/CMakeCache.txt

build: configure
	cmake --build $(BUILD) -j$(JOBS)

test: build
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS) --timeout 900

run: build
	DEMO_DIR=$(DEMO_DIR) BUILD=$(BUILD) ./scripts/run-demo.sh

bench: build
	BUILD=$(BUILD) ./scripts/bench.sh

# Long fault runs: 1,000 kill -9 trials each and 30 model-check seeds.
soak: build
	FIELDGRID_KILL_TRIALS=1000 FIELDGRID_MODEL_SEEDS=30 $(BUILD)/tests/fieldgrid_sync_tests \
	    --gtest_filter='SyncKill.*:SyncModel.*'

screenshots: build
	$(BUILD)/mobile/fieldgrid-screenshots docs/screenshots $(BUILD)/sync/fieldgrid-server

format:
	find core sync tools tests bench mobile -name '*.h' -o -name '*.cpp' | xargs clang-format -i

clean:
	rm -rf $(BUILD)
