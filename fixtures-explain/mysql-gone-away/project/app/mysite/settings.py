import os

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.mysql",
        "NAME": "shop",
        "USER": "app",
        "PASSWORD": "x",
        "HOST": "db",
        "PORT": "3306",
    }
}

CONN_MAX_AGE = 600
