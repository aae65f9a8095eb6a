#!/usr/bin/env sh
# Debian packages Kaimen uses: Chromium for the browser tests, Noto CJK fonts for Chinese PDFs,
# poppler-utils to read PDFs back in tests, gettext to compile translations, redis-server for
# the test that two processes share one throttle counter. Installed when we can (root + apt), named otherwise.
set -u
need=""
[ -x /usr/bin/chromium ] || need="$need chromium"
command -v redis-server >/dev/null 2>&1 || need="$need redis-server"
[ -d /usr/share/fonts/opentype/noto ] || need="$need fonts-noto-cjk"
command -v pdftotext >/dev/null 2>&1 || need="$need poppler-utils"
command -v msgfmt >/dev/null 2>&1 || need="$need gettext"
[ -z "$need" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian packages:$need"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
else
    echo "Please install these Debian packages (browser tests and PDFs need them):$need" >&2
fi
