# syntax=docker/dockerfile:1
# The EHCP Review Assistant service: the API, the Teams bot endpoint (/api/messages), the
# Outlook add-in (/addin/) and the dashboard tab (/tab/) from one Node process.
#   docker build -t ehcp-review-assistant .
#   docker run -p 3978:3978 --env-file .env ehcp-review-assistant
# Settings are environment variables (env.template); in Azure, Key Vault references.
# Pin the base images by digest in your registry (node:22-bookworm-slim@sha256:...) once chosen.

# ---- build: compile TypeScript and the browser bundles from the lockfile ----
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Lifecycle scripts off: `prepare` would build before the sources are here.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN node scripts/build.js

# ---- runtime dependencies only, from the same lockfile ----
FROM node:22-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# ---- runtime: no compiler, no dev dependencies, not root ----
FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3978 \
    DATA_DIR=/app/data
WORKDIR /app
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --chown=root:root package.json ./
# The code stays owned by root and read-only to the service; only its data folder is writable.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3978
# /readyz answers 200 only when the store answers; Node 22 has fetch built in.
HEALTHCHECK --interval=30s --timeout=5s --start-period=40s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3978)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM reaches Node directly (exec form), which finishes requests in flight and closes the store.
CMD ["node", "dist/bot/server/main.js"]
