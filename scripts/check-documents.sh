#!/usr/bin/env bash
# Renders yuqing's official documents to PNG pages for a person to look at (layout, fonts, the red rule, margins,
# Chinese line breaking): each .html printed to PDF by headless Chromium (so the print stylesheet and the A4 page
# apply), each .docx converted to PDF by LibreOffice, then every PDF page to PNG by pdftoppm.
#
#   scripts/check-documents.sh            generate every document (zh and en, .md/.html/.docx) with the built
#                                         yuqing (scripts/examples/documents.yq and documents-month.yq), then
#                                         render them; YUQING_BIN=PATH generates them with that binary instead
#   scripts/check-documents.sh DIR        render the .html and .docx files already in DIR
#
# Output: OUT/*.pdf and OUT/png/NAME-N.png (OUT is $YUQING_DOCS_OUT, default /tmp/yuqing-documents).
# Needs: chromium, libreoffice (libreoffice-writer-nogui), poppler-utils, fonts-noto-cjk, fonts-arphic-ukai
# (Debian: apt-get install chromium libreoffice-writer-nogui poppler-utils fonts-noto-cjk fonts-arphic-ukai).
#
# The documents name the faces Chinese offices have (仿宋, 黑体, 楷体, 宋体, 方正小标宋简体). Linux has none of them,
# so for this preview a fontconfig file maps them to Noto CJK and AR PL UKai, the way Word or WPS would show them
# on a machine that has the real ones.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out=${YUQING_DOCS_OUT:-/tmp/yuqing-documents}
dpi=${YUQING_DOCS_DPI:-70}

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v soffice >/dev/null || missing+=(libreoffice-writer-nogui)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
fc-list : family | grep "Noto Serif CJK" >/dev/null || missing+=(fonts-noto-cjk)
if ((${#missing[@]})); then
    echo "missing: ${missing[*]} (apt-get install ${missing[*]})" >&2
    exit 2
fi

mkdir -p "$out/png"
rm -f "$out"/png/*.png

if (($# == 0)); then
    src="$out/documents"
    rm -rf "$src"
    mkdir -p "$src"
    # YUQING_BIN=PATH uses that binary and builds nothing (as the benchmarks do: scripts/bench/yuqing_build.py), for
    # a run while another build is going on in the checkout.
    if [ -n "${YUQING_BIN:-}" ]; then
        [ -x "$YUQING_BIN" ] || { echo "YUQING_BIN=$YUQING_BIN: not an executable file" >&2; exit 2; }
        bin=$YUQING_BIN
    else
        (cd "$root" && swift build --product yuqing >"$out/build.log" 2>&1) || { cat "$out/build.log" >&2; exit 1; }
        bin=$(cd "$root" && swift build --show-bin-path)/yuqing
    fi
    # The scripts write into the current directory and name the drill by a relative path.
    ln -s "$root/scripts" "$src/scripts"
    (cd "$src" && "$bin" --no-init --db "$src/meeting.sqlite" run scripts/examples/documents.yq >/dev/null)
    (cd "$src" && "$bin" --no-init --db "$src/month.sqlite" run scripts/examples/month-2020-01.yq scripts/examples/documents-month.yq >/dev/null)
else
    src=$(cd "$1" && pwd)
fi

# Official faces → what Debian has, for this preview only.
fc="$out/fonts.conf"
cat >"$fc" <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <alias binding="same"><family>仿宋</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>FangSong</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>宋体</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>SimSun</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>黑体</family><prefer><family>Noto Sans CJK SC</family></prefer></alias>
  <alias binding="same"><family>SimHei</family><prefer><family>Noto Sans CJK SC</family></prefer></alias>
  <alias binding="same"><family>楷体</family><prefer><family>AR PL UKai CN</family></prefer></alias>
  <alias binding="same"><family>KaiTi</family><prefer><family>AR PL UKai CN</family></prefer></alias>
  <match target="pattern">
    <test name="family"><string>方正小标宋简体</string></test>
    <edit name="family" mode="assign" binding="strong"><string>Noto Serif CJK SC</string></edit>
    <edit name="weight" mode="assign" binding="strong"><const>bold</const></edit>
  </match>
</fontconfig>
EOF
export FONTCONFIG_FILE="$fc"

shopt -s nullglob
count=0
for f in "$src"/*.html "$src"/*.htm; do
    name=$(basename "${f%.*}")
    chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
        --print-to-pdf="$out/$name.html.pdf" "file://$f" >/dev/null 2>&1
    pdftoppm -r "$dpi" -png "$out/$name.html.pdf" "$out/png/$name-html"
    count=$((count + 1))
done
docx=("$src"/*.docx)
if ((${#docx[@]})); then
    # A private profile, so a LibreOffice the user has open is not disturbed.
    soffice -env:UserInstallation="file://$out/lo-profile" --headless --convert-to pdf --outdir "$out/docx" "${docx[@]}" >/dev/null 2>&1
    for f in "${docx[@]}"; do
        name=$(basename "${f%.*}")
        mv "$out/docx/$name.pdf" "$out/$name.docx.pdf"
        pdftoppm -r "$dpi" -png "$out/$name.docx.pdf" "$out/png/$name-docx"
        count=$((count + 1))
    done
fi
echo "rendered $count documents from $src: $(ls "$out"/png/*.png | wc -l) pages in $out/png"
