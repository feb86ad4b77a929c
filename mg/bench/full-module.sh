#!/bin/sh
# Builds `mg` with the SDK's full Users.Actions module (v1.0 and beta, as Microsoft ships them,
# with our overlays and configurations from spec/) in a target folder of its own, release, and
# runs the start-up bench against that binary: start-up must not grow with the number of
# cmdlets. The build is slow (the full module is large); it is reused on later runs.
#
#   mg/bench/full-module.sh                 # GRAPH_SHARED defaults to ../shared/graph
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=${GRAPH_SHARED:-$root/../shared/graph}
target=${MG_FULL_TARGET:-$root/target/full-module}
mkdir -p "$target"
manifest="$target/modules.yml"
cat > "$manifest" <<YAML
modules:
  - rust_module: v1_0
    doc: "Users.Actions v1.0, the full module."
    spec: $shared/Users.Actions/Users.Actions.v1.0.yml
    overlay: $root/spec/Users.Actions.v1.0.overlay.yml
    configs:
      - $root/spec/Users.Actions.v1.0.config.yml
      - $root/spec/Users.Actions.config.yml
  - rust_module: beta
    doc: "Users.Actions beta, the full module."
    spec: $shared/Users.Actions/Users.Actions.beta.yml
    overlay: $root/spec/Users.Actions.beta.overlay.yml
    configs:
      - $root/spec/Users.Actions.beta.config.yml
      - $root/spec/Users.Actions.config.yml
YAML
cd "$root"
MG_MANIFEST="$manifest" CARGO_TARGET_DIR="$target" CARGO_INCREMENTAL=0 \
    cargo build --release --bin mg
echo "cmdlets in this build: $("$target/release/mg" Get-Command 2>/dev/null | grep -c -- '-Mg' || true)"
MG_BIN="$target/release/mg" cargo bench -p mg --bench startup
