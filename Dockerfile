# veomock as a container: the mock of every vendor on port 4010, admin API and page under /__admin.
#   docker build -t veomock .
#   docker run --rm -p 4010:4010 veomock
# The same image runs the other commands: docker run --rm veomock conformance --help
#
# Stage 1 builds (TypeScript, precompiled validators, the admin page); stage 2 keeps only what
# runs: dist/, the specs, the sample video and production dependencies, as the unprivileged user.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --ignore-scripts

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/specs ./specs
COPY --from=build /app/mock-server/assets ./mock-server/assets
USER node
EXPOSE 4010
# Liveness from the admin API; Node's own fetch, since the slim image has no curl.
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:4010/__admin/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "--max-old-space-size=320", "dist/cli/veomock.js"]
# 0.0.0.0: reachable through the port mapping. Add --public-url when clients reach the container
# under another name (compose: http://veomock:4010), so result URLs point there.
CMD ["serve", "--host", "0.0.0.0", "--port", "4010"]
