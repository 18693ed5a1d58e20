import os

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.mysql",
        "NAME": "shop",
        "USER": "app",
        "PASSWORD": os.environ.get('DB_PASSWORD'),
        "HOST": "db",
        "PORT": "3306",
    }
}
