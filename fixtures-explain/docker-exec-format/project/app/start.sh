#!/bin/sh
set -e
exec python app.py
