FROM node:20-alpine AS base
# ok: docker-root-user
USER node

# ok: docker-root-user
FROM base
COPY . /app
