#!/bin/sh
# nginx in the background answering with this node's name (so the client shows who holds the
# VIP), then tandem in the foreground as PID 1's only child that matters: `docker stop` sends
# SIGTERM to it through exec.
set -eu
hostname > /var/www/html/index.html
nginx
exec /opt/tandem/tandem "$@"
