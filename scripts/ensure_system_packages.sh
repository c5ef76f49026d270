#!/usr/bin/env bash
# WeasyPrint (plan PDFs) needs Pango and a font from Debian, and the translations need gettext's
# msgfmt (make install compiles locale/*.po); install them with apt-get when missing.
set -u
missing=()
ldconfig -p 2>/dev/null | grep -q "libpango-1.0.so" || missing+=(libpango-1.0-0)
ldconfig -p 2>/dev/null | grep -q "libpangoft2-1.0.so" || missing+=(libpangoft2-1.0-0)
fc-list 2>/dev/null | grep -qi "dejavu" || missing+=(fonts-dejavu-core)
command -v msgfmt >/dev/null 2>&1 || missing+=(gettext)
[ ${#missing[@]} -eq 0 ] && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  echo "Installing ${missing[*]} (apt-get)..."
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null && exit 0
fi
echo "Missing system packages (PDF rendering, translations): ${missing[*]} (install them with apt-get)." >&2
exit 1
