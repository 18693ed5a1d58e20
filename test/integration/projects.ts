/** Project files several real-server tests build on: one place, so the line numbers they assert stay in step. */

/** An app image with Debian's packaged uWSGI + python3 plugin, running /app/uwsgi.ini in the foreground. */
export const UWSGI_APT_DOCKERFILE = `FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends uwsgi uwsgi-plugin-python3 && rm -rf /var/lib/apt/lists/*
COPY . /app
WORKDIR /app
CMD ["uwsgi", "--ini", "/app/uwsgi.ini"]
`;

/** nginx (official image, conf.d/app.conf mounted) in front of `web` built from ./app. */
export const NGINX_WEB_COMPOSE = `services:
  nginx:
    image: nginx:1.25
    ports:
      - "80:80"
    volumes:
      - ./nginx/app.conf:/etc/nginx/conf.d/app.conf:ro
    depends_on:
      - web
  web:
    build: ./app
`;

/** The smallest WSGI app uWSGI can load. */
export const MINIMAL_WSGI_APP = `def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok\\n"]
`;
