#!/bin/sh
# Start the built bundle as CI and a user would: --version, init --demo, then open the demo
# with the window painted and quit (--smoke-test prints a JSON report; "ok" must be true).
set -eu
binary=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
"$binary" --version
"$binary" init demo.annotator --demo
report=$("$binary" --smoke-test demo.annotator 2>"$work/stderr") || { cat "$work/stderr"; exit 1; }
echo "$report"
for field in '"ok": true' '"stylesheet": true' '"icon": true' '"documents": 4'; do
    case $report in
        *"$field"*) ;;
        *) echo "check_bundle: the smoke test report lacks $field" >&2; exit 1 ;;
    esac
done
case $report in
    *'"package": "'"$(dirname "$binary")"*) ;;
    *) echo "check_bundle: the app did not run from the bundle" >&2; exit 1 ;;
esac
echo "check_bundle: $binary opened and painted the demo"
