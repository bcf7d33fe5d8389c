# The orggraph API. With docker-compose.yml it runs against Neo4j; alone, on the embedded store.
FROM python:3.12-slim

# gcc and make: falkordblite (the embedded store) builds from source on this glibc.
RUN apt-get update \
 && apt-get install -y --no-install-recommends gcc g++ make pkg-config libc6-dev \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
COPY graph graph
COPY api api
COPY loaders loaders
COPY cypher cypher
COPY orggraph orggraph
RUN pip install --no-cache-dir .
COPY seeds seeds

ENV ORGGRAPH_HOST=0.0.0.0 \
    ORGGRAPH_PORT=8000 \
    ORGGRAPH_DATA=/data
VOLUME /data
EXPOSE 8000
CMD ["sh", "-c", "orggraph load seeds/ && exec orggraph serve"]
