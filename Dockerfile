# headpress: one static-ish binary on debian:bookworm-slim.
#
#   docker build -t headpress .
#   docker run -p 8080:8080 -v headpress-data:/data headpress serve --demo
#
# The build needs only crates.io: OpenSSL, libpq and SQLite are compiled from source by the
# crates' vendored/bundled features (the rust image has the gcc, make and perl they need).

# ---- build ----------------------------------------------------------------------------
FROM rust:1-bookworm AS build
WORKDIR /src

# Dependencies first, against stub sources, so that this layer stays cached until
# Cargo.toml or Cargo.lock change.
COPY Cargo.toml Cargo.lock ./
RUN mkdir src \
    && echo 'fn main() {}' > src/main.rs \
    && touch src/lib.rs \
    && cargo build --release --locked \
    && rm -rf src

# Then the application itself (migrations and demo content are embedded at compile time).
COPY migrations ./migrations
COPY src ./src
RUN touch src/main.rs src/lib.rs \
    && cargo build --release --locked \
    && install -Dm755 target/release/headpress /out/headpress

# ---- run ------------------------------------------------------------------------------
FROM debian:bookworm-slim

# CA certificates for TLS to PostgreSQL (sslmode=verify-full) and for `import ics https://...`;
# PostgreSQL's client tools (15, Debian's) for `headpress backup` and `restore` on
# PostgreSQL: pg_dump must be as new as the server, so for a newer server run them from the
# postgres image of its version instead (see the README).
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates postgresql-client \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --user-group --home-dir /data --shell /usr/sbin/nologin headpress \
    && mkdir -p /data \
    && chown headpress:headpress /data

COPY --from=build /out/headpress /usr/local/bin/headpress

# The SQLite database, the generated token secret and uploaded files live in /data. With
# PostgreSQL, set DATABASE_URL=postgres://... and, when several containers serve one site,
# the same HEADPRESS_JWT_SECRET on each and one shared /data volume (for the uploads).
ENV HEADPRESS_BIND=0.0.0.0:8080 \
    DATABASE_URL=/data/headpress.db \
    HEADPRESS_DATA_DIR=/data
VOLUME /data
EXPOSE 8080
USER headpress
WORKDIR /data

# /healthz over bash's /dev/tcp: the slim image has no curl, and needs none.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["bash", "-c", "port=${HEADPRESS_BIND##*:}; host=${HEADPRESS_BIND%:*}; case $host in 0.0.0.0|'[::]'|'') host=127.0.0.1;; esac; exec 3<>/dev/tcp/$host/$port && printf 'GET /healthz HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n1 <&3 | grep -q ' 200 '"]

# SIGTERM (docker stop) lets requests in flight finish for up to HEADPRESS_SHUTDOWN_TIMEOUT
# seconds (default 30); give `docker stop -t` at least that long.
ENTRYPOINT ["headpress"]
CMD ["serve"]
