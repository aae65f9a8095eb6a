#!/usr/bin/env sh
# Print the path of a Python >= 3.12 (Django 6 needs it). The machine's default python3 may be
# older, so look at versioned names, then at pyenv's installed versions, before giving up.
set -u
ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; }
for name in python3.13 python3.12 python3; do
    p=$(command -v "$name" 2>/dev/null) || continue
    if ok "$p"; then echo "$p"; exit 0; fi
done
root=${PYENV_ROOT:-$HOME/.pyenv}
for p in $(ls -d "$root"/versions/3.13*/bin/python3 "$root"/versions/3.12*/bin/python3 2>/dev/null | sort -r); do
    if ok "$p"; then echo "$p"; exit 0; fi
done
echo "Kaimen needs Python 3.12 or newer (3.13 recommended) and none was found." >&2
echo "Install one, e.g. 'apt-get install python3.13' or 'pyenv install 3.13', then run make again." >&2
exit 1
