#!/usr/bin/env bash
# Makes the test files the way units make them: forms typed in a spreadsheet and printed to
# PDF, web pages turned into Word files, by a real office suite (LibreOffice headless).
#
#   scripts/make-office-fixtures.sh          # from the repository root; rerun at will
#
# Needs: Debian packages libreoffice-calc libreoffice-writer poppler-utils fonts-noto-cjk
#        (apt-get install -y --no-install-recommends …), and the repo's node_modules (tsx, exceljs).
#
# Steps:
#   1. scripts/make-office-fixtures.ts writes small xlsx workbooks (bordered, merged cells,
#      A4 landscape, Noto Sans CJK or SimSun) and HTML pages (rowspan/colspan, <br>, &nbsp;).
#   2. LibreOffice prints each workbook to PDF (calc_pdf_Export), converts the HTML pages to
#      DOCX ("MS Word 2007 XML") and prints one of those DOCX again to PDF (Writer's output).
#   3. Special cases: a password-protected PDF (open password "jixiao"), and a "scan": a page
#      rendered to a JPEG by pdftoppm and put into a PDF with no text layer.
#
# Output (committed; CI and the tests never run LibreOffice):
#   packages/formats/fixtures/pdf/      *.pdf, each < 200 KB
#   packages/formats/fixtures/docx-lo/  *.docx written by LibreOffice Writer from HTML
# PDFs carry creation dates and ids, so a rerun changes their bytes but not their content.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pdf_out="$root/packages/formats/fixtures/pdf"
docx_out="$root/packages/formats/fixtures/docx-lo"
max_bytes=$((200 * 1024))

for tool in soffice pdftoppm; do
  command -v "$tool" >/dev/null || {
    echo "缺少 $tool：请先安装 libreoffice-calc libreoffice-writer poppler-utils fonts-noto-cjk" >&2
    exit 1
  }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# A private LibreOffice profile: no clash with a running office, no user settings leaking in.
export HOME="$work/home"
mkdir -p "$HOME"
office() {
  soffice --headless --norestore "-env:UserInstallation=file://$work/profile" "$@" >"$work/soffice.log" 2>&1 || {
    cat "$work/soffice.log" >&2
    exit 1
  }
}

echo "1. 生成 xlsx 与 html …"
(cd "$root" && npx tsx scripts/make-office-fixtures.ts "$work")

echo "2. LibreOffice：xlsx → pdf，html → docx，docx → pdf …"
mkdir -p "$work/pdf" "$work/docx" "$work/writer"
office --convert-to pdf:calc_pdf_Export --outdir "$work/pdf" "$work"/xlsx/*.xlsx
office --infilter="HTML (StarWriter)" --convert-to "docx:MS Word 2007 XML" --outdir "$work/docx" "$work"/html/*.html
office --convert-to pdf:writer_pdf_Export --outdir "$work/writer" "$work/docx/seed-hubei-dept-2023.docx"
mv "$work/writer/seed-hubei-dept-2023.pdf" "$work/pdf/seed-hubei-dept-2023-writer.pdf"

echo "3. 加密的 pdf 与扫描件 …"
mkdir -p "$work/encrypted" "$work/scan"
office --convert-to 'pdf:calc_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"jixiao"}}' \
  --outdir "$work/encrypted" "$work/xlsx/two-projects-one-page.xlsx"
mv "$work/encrypted/two-projects-one-page.pdf" "$work/pdf/encrypted-password-jixiao.pdf"
pdftoppm -r 90 -gray -jpeg -jpegopt quality=60 -singlefile "$work/pdf/two-projects-one-page.pdf" "$work/scan/page"
cat >"$work/scan/scanned.html" <<'EOF'
<!DOCTYPE html><html><head><meta charset="utf-8"><title>scan</title></head>
<body><p><img src="page.jpg" width="640" height="452" alt=""></p></body></html>
EOF
office --infilter="HTML (StarWriter)" --convert-to pdf:writer_pdf_Export --outdir "$work/scan" "$work/scan/scanned.html"
mv "$work/scan/scanned.pdf" "$work/pdf/scanned-no-text-layer.pdf"

mkdir -p "$pdf_out" "$docx_out"
for f in "$work"/pdf/*.pdf "$work"/docx/*.docx; do
  size=$(stat -c %s "$f")
  if [ "$size" -ge "$max_bytes" ]; then
    echo "$(basename "$f") 有 $size 字节，超过 $max_bytes 字节的上限" >&2
    exit 1
  fi
done
cp "$work"/pdf/*.pdf "$pdf_out/"
cp "$work"/docx/*.docx "$docx_out/"
echo "完成："
(cd "$root" && ls -l packages/formats/fixtures/pdf packages/formats/fixtures/docx-lo)
