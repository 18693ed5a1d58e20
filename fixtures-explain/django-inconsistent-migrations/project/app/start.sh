#!/bin/sh
python manage.py makemigrations
python manage.py migrate --noinput
exec gunicorn --bind 0.0.0.0:8000 mysite.wsgi
