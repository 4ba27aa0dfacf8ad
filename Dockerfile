# Images of the MpcNetwork services, from one file:
#   docker build --target node        -t mpcnetwork/node:local .
#   docker build --target coordinator -t mpcnetwork/coordinator:local .
#
# With internet access the defaults use the official .NET images. Without a registry,
# deploy/build-images-offline.sh passes a locally built runtime image as SDK_IMAGE and
# RUNTIME_IMAGE, and PREBUILT=true so that the host's `dotnet publish` output in
# artifacts/publish is used instead of compiling here.
#
# Plain Dockerfile syntax only (no RUN --mount, no heredocs): the legacy builder, which
# Testcontainers uses, must build it too.

ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0

FROM ${SDK_IMAGE} AS publish
ARG PREBUILT=false
# The legacy builder keeps this stage as an untagged image; the label lets scripts prune it.
LABEL org.mpcnetwork.stage=publish
WORKDIR /src
COPY . .
RUN if [ "$PREBUILT" = "true" ]; then \
        test -f artifacts/publish/node/MpcNetwork.Node.dll \
        && test -f artifacts/publish/coordinator/MpcNetwork.Coordinator.dll \
        && cp -R artifacts/publish /out; \
    else \
        dotnet publish src/Node/MpcNetwork.Node.csproj -c Release -o /out/node -p:UseAppHost=false \
        && dotnet publish src/Coordinator/MpcNetwork.Coordinator.csproj -c Release -o /out/coordinator -p:UseAppHost=false; \
    fi

# Shared by both services: a non-root user, HTTPS only, certificates under /certs.
FROM ${RUNTIME_IMAGE} AS service
# The official images define the user app with this uid; the offline runtime image does too.
ARG APP_UID=1654
# The official aspnet image sets ASPNETCORE_HTTP_PORTS=8080; cleared, so that only the TLS
# address in Urls is bound.
ENV ASPNETCORE_HTTP_PORTS= \
    ASPNETCORE_HTTPS_PORTS= \
    DOTNET_NOLOGO=true \
    Certificates__CaFile=/certs/ca.crt
# /certs and /data belong to the app user, so that a named volume mounted there starts out
# writable by it (the certs command writes keys with mode 0600).
RUN mkdir -p /certs /data && chown "$APP_UID:$APP_UID" /certs /data
WORKDIR /app
USER $APP_UID

FROM service AS node
COPY --from=publish /out/node /app
ENV Urls=https://+:5001 \
    Certificates__CertificateFile=/certs/node.crt \
    Certificates__KeyFile=/certs/node.key \
    Node__Privacy__LedgerPath=/data/privacy-ledger.db
EXPOSE 5001
ENTRYPOINT ["dotnet", "/app/MpcNetwork.Node.dll"]

FROM service AS coordinator
COPY --from=publish /out/coordinator /app
ENV Urls=https://+:5000 \
    Certificates__CertificateFile=/certs/coordinator.crt \
    Certificates__KeyFile=/certs/coordinator.key \
    Coordinator__DatabasePath=/data/coordinator.db
EXPOSE 5000
ENTRYPOINT ["dotnet", "/app/MpcNetwork.Coordinator.dll"]
