FROM golang:1.22 AS build
RUN go build -o /app ./...

FROM debian:12-slim AS runtime-root
COPY --from=build /app /app
# ok: docker-root-user
USER root

FROM runtime-root AS inherits
RUN echo still root
# ok: docker-root-user
USER app

FROM gcr.io/distroless/static:nonroot AS distroless
COPY --from=build /app /app

FROM debian:12-slim
COPY --from=build /app /app
# ruleid: docker-root-user
USER 0:0
