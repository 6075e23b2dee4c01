# callhound's workspace and CLI for production (docker-compose.yml). Neo4j runs in its own container.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json ./
COPY src ./src
COPY web ./web
COPY cypher ./cypher
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
COPY bin ./bin
COPY cypher ./cypher
COPY src/classify/data ./src/classify/data
COPY samples ./samples
USER node
EXPOSE 8080
ENTRYPOINT ["node", "bin/callhound.js"]
CMD ["serve"]
