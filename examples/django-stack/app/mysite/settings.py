import os

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = ["*"]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.mysql",
        "NAME": os.environ.get("MYSQL_DATABASE", "shop"),
        "USER": os.environ.get("MYSQL_USER", "shop"),
        "PASSWORD": os.environ.get("MYSQL_PASSWORD", ""),
        "HOST": "db",
        "PORT": 3306,
    }
}

CACHES = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://redis:6379/1",
    }
}

STATIC_URL = "/static/"
STATIC_ROOT = "/srv/app/static"
