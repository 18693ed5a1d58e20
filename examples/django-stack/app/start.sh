#!/bin/sh
python manage.py migrate --noinput
uwsgi --ini /srv/app/uwsgi.ini
tail -f /dev/null
