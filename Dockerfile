# Parley container image: docs/deploy.md. Three stages, so the runtime image
# holds the compiled build and production dependencies only.
#
#   docker build -t parley .            (or: podman build -t parley .)
#
# NODE_IMAGE must be a Node 24 image (Debian based: sharp's prebuilt binaries
# need glibc).
ARG NODE_IMAGE=node:24-bookworm-slim

# 1. Build: every dependency (TypeScript, Vite), then `npm run build`.
FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# 2. Production dependencies of the build, without devDependencies.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY --from=build /src/build/package.json /src/build/package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# 3. Runtime: the build and its production dependencies, run as `node`
#    (uid 1000, not root). Uploaded files live in /app/storage: mount a
#    volume there (shared by every node) or enable the media-s3 plugin.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    LOG_LEVEL=info
WORKDIR /app
COPY --from=build /src/build ./
COPY --from=deps /app/node_modules ./node_modules
RUN mkdir -p storage && chown node:node storage
USER node
EXPOSE 3000
# Healthy = ready to take traffic (GET /health/ready: not draining, migrations
# applied, PostgreSQL and Redis reachable). Orchestrators with separate probes
# use /health/live for liveness (docs/deploy.md, Probes).
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/health/ready`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM drains the node (DRAIN_TIMEOUT_MS, 25 s by default): give `docker
# stop` more than that (`--time 35`; compose.yaml sets stop_grace_period).
# Migrations: the same image with `node ace migration:run --force`.
CMD ["node", "bin/server.js"]
