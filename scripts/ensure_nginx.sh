#!/usr/bin/env bash
# `make cluster` puts nginx (Debian's package) in front of the app servers; install it with
# apt-get when missing. Debian's package starts no server by itself here: the cluster runs its
# own nginx on loopback with the configuration in deploy/nginx/.
set -u
nginx_bin() { command -v nginx 2>/dev/null || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; }; }
[ -n "$(nginx_bin)" ] && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  echo "Installing nginx for the cluster (apt-get)..."
  apt-get update -qq >/dev/null
  # policy-rc.d keeps the package from starting the system's nginx on port 80.
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d.rollcall && chmod +x /usr/sbin/policy-rc.d.rollcall
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    mv /usr/sbin/policy-rc.d.rollcall /usr/sbin/policy-rc.d
    cleanup=1
  else
    rm -f /usr/sbin/policy-rc.d.rollcall
    cleanup=0
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null 2>&1 \
    || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
  [ "$cleanup" = 1 ] && rm -f /usr/sbin/policy-rc.d
fi
[ -n "$(nginx_bin)" ] || { echo "nginx is missing: apt-get install nginx" >&2; exit 1; }
