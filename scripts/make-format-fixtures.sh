#!/bin/sh
# Rebuild the PDF fixtures of the formats tests (tests/fixtures/formats/*.pdf): each seed as a
# Word document (examples/format_fixtures.rs, the generator the tests use for HTML and DOCX),
# printed to PDF by LibreOffice with the Noto CJK fonts.
#   needs: libreoffice-writer-nogui fonts-noto-cjk (apt-get install)
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cargo run -q --release --example format_fixtures -- seeds "$tmp"
soffice --headless --norestore --convert-to pdf --outdir "$tmp/pdf" "$tmp"/*.docx >/dev/null
mkdir -p tests/fixtures/formats
for f in "$tmp"/pdf/*.pdf; do
  cp "$f" tests/fixtures/formats/
done
ls -l tests/fixtures/formats/*.pdf
