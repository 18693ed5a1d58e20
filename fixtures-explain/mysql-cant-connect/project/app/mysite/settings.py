import os

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.mysql",
        "NAME": "shop",
        "USER": "app",
        "PASSWORD": "x",
        "HOST": "localhost",
        "PORT": "3306",
    }
}
