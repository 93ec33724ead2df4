# syntax=docker/dockerfile:1
# aiworkspace-bot: build with `docker build -t aiworkspace-bot .`, run as README.md shows.
# Node 22 LTS on Debian bookworm, slim. better-sqlite3 is a native module: it is compiled (or its
# prebuilt binary fetched) in the build stage, which has the compilers; the runtime stage has none.

ARG NODE_IMAGE=node:22-bookworm-slim

# ---- build: install everything (npm ci compiles TypeScript), then drop the dev dependencies ----
FROM ${NODE_IMAGE} AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app

# npm ci compiles the app in its prepare step, so the sources come first.
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm ci --no-audit --no-fund
# npm 11 runs install scripts only for packages allowed in package.json (`allowScripts`); the
# image's npm may be older or newer. Whatever it did, make sure the native module loads here.
RUN node -e "new (require('better-sqlite3'))(':memory:').close()" \
 || (npm rebuild better-sqlite3 && node -e "new (require('better-sqlite3'))(':memory:').close()")
RUN test -f dist/index.js \
 && npm prune --omit=dev --no-audit --no-fund \
 && node -e "new (require('better-sqlite3'))(':memory:').close()"

# ---- runtime: compiled app, production dependencies, no compilers, not root ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    DATA_DIR=/data \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app

COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The form's presets; mount another file and set PRESETS_FILE to use your own.
COPY presets.yml ./presets.yml

# The official image has an unprivileged `node` user (uid 1000). It owns only the data folder;
# the app's files stay root-owned and read-only to it.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node

EXPOSE 3000
# 200 once the store is open (and, in Socket Mode, Slack is connected); 503 before. No curl in
# slim images, so node asks. It calls 127.0.0.1, so keep HOST at 0.0.0.0 (or 127.0.0.1) in a container.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

# Stop with SIGTERM (docker stop): the app finishes what it is doing and closes the store within
# STOP_GRACE_SECONDS (8), before docker's 10 s kill. node itself is PID 1: it handles the signals.
STOPSIGNAL SIGTERM
CMD ["node", "dist/index.js"]
