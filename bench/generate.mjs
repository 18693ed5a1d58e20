// Input generators for `npm run bench`. Everything is written under a directory the caller
// gives (a temp dir): generated inputs are never committed.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

function write(path, text) {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, text);
}

/**
 * One compose project as tutorials build it: Django behind uWSGI, nginx in front, redis and
 * MySQL, each with its own config file and a few realistic mistakes, varied by `i` so no two
 * projects are identical.
 */
export function writeProject(dir, i) {
  const port = 8000 + (i % 1000);
  const app = `site${i}`;
  write(join(dir, "docker-compose.yml"), `# project ${i}
services:
  web:
    build: ./app
    env_file: .env
    volumes:
      - ./app:/srv/app
    depends_on:
      - db
      - redis
    environment:
      DJANGO_SETTINGS_MODULE: ${app}.settings
      REDIS_URL: redis://redis:6379/0
    restart: always

  nginx:
    image: nginx:1.27
    ports:
      - "${80 + (i % 5)}:80"
    volumes:
      - ./nginx/site.conf:/etc/nginx/conf.d/default.conf:ro
    depends_on:
      - web

  redis:
    image: redis:7.2
    command: redis-server /usr/local/etc/redis/redis.conf
    volumes:
      - ./redis/redis.conf:/usr/local/etc/redis/redis.conf:ro

  db:
    image: mysql:8.0
    env_file: .env
    volumes:
      - ./mysql/my.cnf:/etc/mysql/conf.d/app.cnf:ro
      - dbdata:/var/lib/mysql

volumes:
  dbdata:
`);
  write(join(dir, ".env"), `MYSQL_DATABASE=db${i}\nMYSQL_USER=user${i}\nMYSQL_PASSWORD=pw-${i}-secret\nMYSQL_ROOT_PASSWORD=root-${i}-secret\n`);
  write(join(dir, "nginx", "site.conf"), `upstream django {
    server web:${port};
}

server {
    listen 80;
    server_name ${app}.example.com;
    client_max_body_size 20m;

    location /static/ {
        alias /srv/app/static/;
    }

    location / {
        ${i % 2 === 0 ? "include uwsgi_params;\n        uwsgi_pass django;" : "proxy_pass http://django;\n        proxy_set_header Host $host;"}
    }
}
`);
  write(join(dir, "app", "uwsgi.ini"), `[uwsgi]
chdir = /srv/app
module = ${app}.wsgi:application
master = true
processes = ${1 + (i % 8)}
${i % 3 === 0 ? "http" : "socket"} = 0.0.0.0:${port}
vacuum = true
${i % 4 === 0 ? "daemonize = /tmp/uwsgi.log\n" : ""}`);
  write(join(dir, "app", "Dockerfile"), `FROM python:3.${10 + (i % 3)}-slim
ENV PYTHONUNBUFFERED=1
WORKDIR /srv/app
RUN apt-get update && apt-get install -y build-essential default-libmysqlclient-dev
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
EXPOSE ${port}
CMD ["uwsgi", "--ini", "/srv/app/uwsgi.ini"]
`);
  write(join(dir, "app", "requirements.txt"), "Django==4.2\nuwsgi==2.0.26\nmysqlclient==2.2.4\nredis==5.0.7\n");
  write(join(dir, "app", app, "__init__.py"), "");
  write(join(dir, "app", app, "settings.py"), `import os
SECRET_KEY = os.environ.get("SECRET_KEY", "dev")
DEBUG = False
ALLOWED_HOSTS = ["${app}.example.com"]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.mysql",
        "NAME": os.environ["MYSQL_DATABASE"],
        "USER": os.environ["MYSQL_USER"],
        "PASSWORD": os.environ["MYSQL_PASSWORD"],
        "HOST": "db",
        "PORT": 3306,
    }
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://redis:6379/1"}}
`);
  write(join(dir, "redis", "redis.conf"), `bind ${i % 2 === 0 ? "127.0.0.1" : "0.0.0.0"}
port 6379
protected-mode no
appendonly yes
maxmemory ${64 + (i % 4) * 64}mb
maxmemory-policy allkeys-lru
`);
  write(join(dir, "mysql", "my.cnf"), `[mysqld]
character-set-server = utf8mb4
collation-server = utf8mb4_unicode_ci
max_connections = ${100 + (i % 10) * 10}
innodb_buffer_pool_size = 256M

[client]
default-character-set = utf8mb4
`);
}

/** `count` projects side by side under `root` (p0000/, p0001/, ...). */
export function writeMonorepo(root, count) {
  for (let i = 0; i < count; i++) writeProject(join(root, `p${String(i).padStart(4, "0")}`), i);
}

/** Only the compose files of `count` projects (one per directory), for the comparison with dclint. */
export function writeComposeOnly(root, count) {
  for (let i = 0; i < count; i++) {
    const dir = join(root, `p${String(i).padStart(4, "0")}`);
    mkdirSync(dir, { recursive: true });
    const port = 8000 + (i % 1000);
    writeFileSync(join(dir, "docker-compose.yml"), `name: project-${i}
services:
  db:
    image: mysql:8.0
    environment:
      MYSQL_DATABASE: db${i}
    volumes:
      - dbdata:/var/lib/mysql
  nginx:
    image: nginx:1.27
    depends_on:
      - web
    ports:
      - "127.0.0.1:${8080 + (i % 10)}:80"
    volumes:
      - ./nginx/site.conf:/etc/nginx/conf.d/default.conf:ro
  redis:
    image: redis:7.2
    command: redis-server --appendonly yes
  web:
    build: ./app
    depends_on:
      - db
      - redis
    environment:
      REDIS_URL: redis://redis:6379/0
    expose:
      - "${port}"
    restart: always
volumes:
  dbdata:
`);
  }
}

/** One nginx.conf of about `bytes` bytes: many server blocks with upstreams and locations. */
export function nginxConfText(bytes) {
  const parts = ["worker_processes auto;\nevents {\n    worker_connections 1024;\n}\n\nhttp {\n    include mime.types;\n    sendfile on;\n    keepalive_timeout 65;\n\n"];
  let size = parts[0].length;
  for (let i = 0; size < bytes; i++) {
    const block = `    upstream app${i} {
        server 10.0.${(i >> 8) & 255}.${i & 255}:${8000 + (i % 100)};
        keepalive 16;
    }

    server {
        listen ${8000 + (i % 1000)};
        server_name app${i}.example.com www.app${i}.example.com;
        root /srv/www/app${i};
        access_log /var/log/nginx/app${i}.access.log;

        location / {
            try_files $uri $uri/ @app${i};
        }

        location @app${i} {
            proxy_pass http://app${i};
            proxy_set_header Host $host;
            proxy_set_header X-Real-IP $remote_addr;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_read_timeout 60s;
        }

        location ~* \\.(css|js|png|jpg|svg)$ {
            expires 30d;
            add_header Cache-Control "public";
        }
    }

`;
    parts.push(block);
    size += block.length;
  }
  parts.push("}\n");
  return parts.join("");
}
