#!/bin/bash

python manage.py migrate
exec gunicorn -b 0.0.0.0:8000 mysite.wsgi
