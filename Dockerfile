# The orggraph API on Neo4j (docker-compose.yml wires the two). The embedded store is not
# in this image: it is the optional extra orggraph[embedded], for development (./dev).
# Python 3.12's slim image on Debian 12, pinned to a release: docker-library's
# library/python lists 3.12.14-slim-bookworm.
FROM python:3.12.14-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
# the locked dependencies first: this layer changes only with requirements.lock
COPY requirements.lock ./
RUN pip install --no-deps -r requirements.lock
COPY pyproject.toml README.md ./
COPY graph graph
COPY api api
COPY loaders loaders
COPY cypher cypher
COPY orggraph orggraph
RUN pip install --no-deps --no-build-isolation . && rm -rf build ./*.egg-info
COPY seeds seeds

# never root: a system user owning only its data directory
RUN useradd --system --uid 10001 --no-create-home --home-dir /app --shell /usr/sbin/nologin \
        orggraph \
 && mkdir -p /data && chown orggraph /data
USER orggraph

ENV ORGGRAPH_STORE=neo4j \
    ORGGRAPH_HOST=0.0.0.0 \
    ORGGRAPH_PORT=8000 \
    ORGGRAPH_DATA=/data
VOLUME /data
EXPOSE 8000
# /health answers 503 while the store does not answer, so the container is unhealthy then
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 CMD ["python", "-c", \
  "import os, sys, urllib.request as u; port = os.environ.get('ORGGRAPH_PORT', '8000'); sys.exit(0 if u.urlopen(f'http://127.0.0.1:{port}/health', timeout=4).status == 200 else 1)"]
# loading is idempotent: a restart reloads the seeds and leaves the same graph
CMD ["sh", "-c", "orggraph load seeds/ --quiet && exec orggraph serve"]
