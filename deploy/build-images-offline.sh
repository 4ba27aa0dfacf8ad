#!/usr/bin/env bash
# Builds the node and coordinator images on a machine that reaches no container registry.
#
# 1. A Debian bookworm base image from debootstrap (minbase variant), loaded with `docker import`.
# 2. A .NET runtime image: that base plus the host's .NET runtimes (DOTNET_ROOT, default
#    /usr/share/dotnet) and the non-root user `app` (uid/gid 1654, as in the official images).
# 3. `dotnet publish` of the node and the coordinator on the host, then the repository's
#    Dockerfile with the runtime image passed as SDK_IMAGE and RUNTIME_IMAGE and PREBUILT=true,
#    so no stage needs a registry.
#
# Images keep plain tags (no digests): Testcontainers pulls any image it cannot find by its
# exact repo:tag. Steps 1 and 2 are skipped when their image already exists; set
# MPC_REBUILD_BASE=true to redo them. Runs as root (debootstrap needs it).
#
# Settings (environment):
#   MPC_IMAGE_TAG      tag of mpcnetwork/node and mpcnetwork/coordinator (default: local)
#   DEBIAN_MIRROR      mirror for debootstrap (default: http://deb.debian.org/debian)
#   DOTNET_ROOT        .NET installation to copy the runtimes from (default: /usr/share/dotnet)
#   MPC_REBUILD_BASE   true to rebuild the base and runtime images
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tag="${MPC_IMAGE_TAG:-local}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
dotnet_root="${DOTNET_ROOT:-/usr/share/dotnet}"
# The tags name what the images contain, so that an image cached from an older package list is
# not reused.
base_image="mpcnetwork/debian-minbase:bookworm-icu"
runtime_image="mpcnetwork/dotnet-runtime:10.0-icu"

# The legacy builder is the one that Testcontainers drives through the Engine API, and it needs
# no buildx plugin.
export DOCKER_BUILDKIT=0

log() { printf '[build-images] %s\n' "$*" >&2; }

image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for tool in docker debootstrap dotnet tar; do
  command -v "$tool" >/dev/null || { log "missing command '$tool': install it (docker.io, debootstrap, the .NET 10 SDK) and retry"; exit 1; }
done

if [[ "${MPC_REBUILD_BASE:-false}" == "true" ]] || ! image_exists "$base_image"; then
  # The .NET runtime needs libssl3 (TLS, hashing), libstdc++6 (host), zlib1g (compression) and
  # libicu72 (globalization: Unicode normalisation of vote options and PSI items).
  log "debootstrap bookworm (minbase) from $mirror into $work/rootfs"
  debootstrap --variant=minbase --include=libssl3,libstdc++6,zlib1g,libicu72 \
    bookworm "$work/rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 \
    || { tail -n 40 "$work/debootstrap.log" >&2; log "debootstrap failed"; exit 1; }
  rm -rf "$work/rootfs/var/cache/apt/archives/"*.deb "$work/rootfs/var/lib/apt/lists/"*
  log "docker import -> $base_image"
  tar -C "$work/rootfs" -c . | docker import - "$base_image" >/dev/null
  rm -rf "$work/rootfs"
  image_exists "$runtime_image" && docker image rm "$runtime_image" >/dev/null
fi

if [[ "${MPC_REBUILD_BASE:-false}" == "true" ]] || ! image_exists "$runtime_image"; then
  for part in dotnet host shared/Microsoft.NETCore.App shared/Microsoft.AspNetCore.App; do
    [[ -e "$dotnet_root/$part" ]] || { log "'$dotnet_root/$part' is missing: set DOTNET_ROOT to a .NET 10 installation with the ASP.NET Core runtime"; exit 1; }
  done

  log "runtime image $runtime_image from $dotnet_root"
  mkdir -p "$work/runtime/dotnet/shared"
  cp -a "$dotnet_root/dotnet" "$dotnet_root/host" "$work/runtime/dotnet/"
  cp -a "$dotnet_root/shared/Microsoft.NETCore.App" "$dotnet_root/shared/Microsoft.AspNetCore.App" "$work/runtime/dotnet/shared/"
  cat >"$work/runtime/Dockerfile" <<DOCKERFILE
FROM $base_image
COPY dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet \\
 && groupadd --gid 1654 app \\
 && useradd --uid 1654 --gid 1654 --no-create-home --home-dir /app --shell /usr/sbin/nologin app
ENV APP_UID=1654 \\
    DOTNET_ROOT=/usr/share/dotnet \\
    DOTNET_RUNNING_IN_CONTAINER=true
DOCKERFILE
  docker build --force-rm -t "$runtime_image" "$work/runtime" >"$work/build.log" 2>&1 \
    || { tail -n 40 "$work/build.log" >&2; log "docker build of $runtime_image failed"; exit 1; }
fi

log "dotnet publish (Release) into artifacts/publish"
rm -rf "$repo/artifacts/publish"
dotnet publish "$repo/src/Node/MpcNetwork.Node.csproj" -c Release -o "$repo/artifacts/publish/node" -p:UseAppHost=false --nologo -v quiet
dotnet publish "$repo/src/Coordinator/MpcNetwork.Coordinator.csproj" -c Release -o "$repo/artifacts/publish/coordinator" -p:UseAppHost=false --nologo -v quiet

for target in node coordinator; do
  log "docker build --target $target -> mpcnetwork/$target:$tag"
  docker build --force-rm \
    --target "$target" \
    --build-arg SDK_IMAGE="$runtime_image" \
    --build-arg RUNTIME_IMAGE="$runtime_image" \
    --build-arg PREBUILT=true \
    -t "mpcnetwork/$target:$tag" \
    -f "$repo/Dockerfile" "$repo" >"$work/build.log" 2>&1 \
    || { tail -n 40 "$work/build.log" >&2; log "docker build --target $target failed"; exit 1; }
done

docker image prune --force --filter label=org.mpcnetwork.stage=publish >/dev/null
log "done: mpcnetwork/node:$tag, mpcnetwork/coordinator:$tag"
