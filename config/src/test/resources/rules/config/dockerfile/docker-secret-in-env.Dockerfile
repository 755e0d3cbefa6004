FROM alpine:3.20
# ruleid: docker-secret-in-env
ARG GITHUB_TOKEN
# ruleid: docker-secret-in-env
ENV DB_PASSWORD=hunter2 APP_MODE=prod
# ruleid: docker-secret-in-env
ENV AWS_SECRET_ACCESS_KEY wJalrXUtnFEMI
# ok: docker-secret-in-env
ENV DB_PASSWORD_FILE=/run/secrets/db_password
# ok: docker-secret-in-env
ARG NODE_VERSION=20
# ok: docker-secret-in-env
ENV TOKEN_URL=https://auth.example.com/token
RUN --mount=type=secret,id=token cat /run/secrets/token > /dev/null
USER 1000
