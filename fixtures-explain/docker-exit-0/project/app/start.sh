#!/bin/sh
python manage.py migrate --noinput
uwsgi --ini /app/uwsgi.ini &
