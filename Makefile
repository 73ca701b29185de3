# ApiTruth — the two commands a fresh machine needs: `make run` (the main job) and `make test`.
CONFIG   ?= Release
INDEX    ?= artifacts/run/index.db
CLI_DLL  := artifacts/bin/ApiTruth.Cli/$(shell echo $(CONFIG) | tr A-Z a-z)/apitruth.dll
APITRUTH := dotnet $(CLI_DLL)

.PHONY: build test run bench publish format clean

build:
	dotnet build ApiTruth.sln -c $(CONFIG)

test:
	dotnet test ApiTruth.sln -c $(CONFIG)

# The main job: check an assistant-written snippet (data/assistant-snippet.cs, pins in its #:package lines)
# against the exact versions it names, with history from a local index of those packages.
# Exit 1 from `check` means "found problems", which is the point of the demo; only 2+ fails the target.
run: build
	$(APITRUTH) index --from data/packages.txt --index $(INDEX)
	$(APITRUTH) check data/assistant-snippet.cs --index $(INDEX); test $$? -le 1

# The published CLI is built twice (docs/ARCHITECTURE.md, "The native front and the full CLI"). `apitruth` is compiled
# ahead of time (NativeAOT; linking needs gcc or clang): it answers history, find and checks whose pins are indexed and
# cached with no JIT, and hands anything that needs indexing, the feeds or source generators to the full CLI in full/.
# The full CLI is self-contained ReadyToRun, one composite image of the app, Roslyn and the framework, so that even its
# cold start runs precompiled code (generic instantiations across assemblies are still JIT-compiled: the SDK does not
# make the composite one version bubble). The LTTng trace provider is removed: the runtime loads it at every start when
# present, and nothing here traces through LTTng.
publish:
	rm -rf artifacts/publish
	dotnet publish cli/ApiTruth.Cli.csproj -c Release -r linux-x64 --self-contained true -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true -o artifacts/publish/full
	rm -f artifacts/publish/full/libcoreclrtraceptprovider.so
	dotnet publish cli/ApiTruth.Cli.csproj -c Release -r linux-x64 -p:PublishAot=true -o artifacts/publish
	rm -f artifacts/publish/*.pdb

# BENCH_PROJECT: the real project of issue 5's benchmark (a .sln or .csproj that restores and builds here); without it
# the bench clones the pinned CsvHelper when github.com is reachable, else says the project benchmark was skipped.
# BENCH_ONLY=index|history|check|project re-measures one part.
BENCH_PROJECT ?=
BENCH_ONLY    ?=
bench: publish
	dotnet run --project bench/ApiTruth.Bench.csproj -c Release -- --cli artifacts/publish/apitruth \
		$(if $(BENCH_PROJECT),--bench-project $(BENCH_PROJECT)) $(if $(BENCH_ONLY),--only $(BENCH_ONLY))

format:
	dotnet format ApiTruth.sln

clean:
	rm -rf artifacts
