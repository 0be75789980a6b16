# syntax=docker/dockerfile:1
# The platform as one image: the API (`robo serve`), the job worker and scheduler (`robo worker`,
# `robo scheduler`) and every other `robo` command. Multi-stage: the web app is built with
# Node.js 20 and only its static files are kept; the Python packages are installed into a
# virtual environment from the pinned requirements.lock; the final stage runs as a non-root
# user and holds neither Node.js nor a compiler. See compose.yaml for a whole fleet.

# --- 1. the web app (TypeScript, React, Vite) -> web/dist ------------------------------------
FROM node:20-bookworm-slim AS web
WORKDIR /src/web
ENV PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY schema.graphql /src/schema.graphql
COPY web/ ./
# the GraphQL types are generated and committed (npm run codegen:check keeps them current)
RUN npx vite build

# --- 2. the Python app, installed from requirements.lock into /opt/venv ----------------------
FROM python:3.11-slim-bookworm AS python
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
RUN python -m venv /opt/venv
WORKDIR /src
COPY pyproject.toml requirements.lock README.md ./
COPY core core
COPY db db
COPY users users
COPY questionnaire questionnaire
COPY tradingcalendar tradingcalendar
COPY products products
COPY ledger ledger
COPY wallet wallet
COPY investing investing
COPY credit credit
COPY lending lending
COPY securitisation securitisation
COPY advisor advisor
COPY notifications notifications
COPY demo demo
COPY jobs jobs
COPY api api
COPY migrations migrations
# every dependency at the version requirements.lock pins (the dev and bench extras stay out)
RUN /opt/venv/bin/pip install -c requirements.lock .

# --- 3. the runtime image --------------------------------------------------------------------
FROM python:3.11-slim-bookworm
RUN groupadd --system --gid 10001 robo \
    && useradd --system --uid 10001 --gid robo --home-dir /app --shell /usr/sbin/nologin robo \
    && mkdir -p /app/var && chown robo:robo /app/var
COPY --from=python /opt/venv /opt/venv
COPY --from=web /src/web/dist /app/web/dist
WORKDIR /app
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    ROBO_HOST=0.0.0.0 \
    ROBO_PORT=8000 \
    ROBO_WEB_DIST=/app/web/dist \
    ROBO_LOG_FORMAT=json \
    ROBO_METRICS_DIR=/tmp/robo-metrics
USER robo:robo
EXPOSE 8000
# alive (the process answers); load balancers ask /readyz (database reachable, migrations current)
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen(f\"http://127.0.0.1:{os.environ.get('ROBO_PORT', '8000')}/healthz\", timeout=2)"]
ENTRYPOINT ["robo"]
CMD ["serve", "--workers", "2"]
