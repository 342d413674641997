#!/usr/bin/env bash
# Vendor pinned front-end packages from the npm registry into static/vendor/.
#
#   scripts/fetch_vendor.sh            # (re)create static/vendor/{kern,htmx,leaflet,axe}
#   KERN_WITH_NOTO=1 scripts/...       # additionally vendor KERN's optional Noto Sans fonts
#
# Two steps make KERN light on a phone (docs: issue 16): Fira Sans is subset to the weights
# and scripts the pages use (scripts/subset_fonts.py), and KERN's CSS is pruned to the rules
# the portal uses (scripts/prune_kern_css.sh -> kern/kern.pruned.min.css, which base.html loads).
#
# Re-runnable and idempotent: the managed directories are rebuilt from the
# pinned tarballs every time (integrity-checked against the pinned sha512).
# Only the files listed below are copied; source maps, sources and docs are not.
# To upgrade: change the version AND its integrity (npm view PKG@VER dist.integrity).
# Requires: bash, node, npm, tar, and a Python with fonttools and brotli (the dev dependencies;
# $PYTHON, else .venv/bin/python, else python3).
set -euo pipefail

# ---- pinned packages --------------------------------------------------------
KERN_SPEC="@kern-ux/native@2.7.2"
KERN_SHA="sha512-TN0Mqbasp7S1IOqurXickde8MDj5hIcgT4s3f1i33wyv2iVgA1dTO/FoQyi6rgM9KYTYkIthl9k72g7fBUUvHg=="
HTMX_SPEC="htmx.org@2.0.11"
HTMX_SHA="sha512-Thx/WtpeOQqSrqBCw/A1cwGJGg4UrVa3+sW0GmrM3p4gJgO89ecH4qtbnyzDDWFvBTqjnIMCgELTNt636dtamA=="
LEAFLET_SPEC="leaflet@1.9.4"
LEAFLET_SHA="sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA=="
AXE_SPEC="axe-core@4.14.1"
AXE_SHA="sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="

SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd -- "$SCRIPT_DIR/.." && pwd -P)"
DEST="$REPO_ROOT/static/vendor"
MANAGED=(kern htmx leaflet axe VERSIONS.txt)

for cmd in node npm tar; do
  command -v "$cmd" >/dev/null 2>&1 || { echo "error: '$cmd' not found" >&2; exit 1; }
done
if [[ -z "${PYTHON:-}" ]]; then
  PYTHON="$REPO_ROOT/.venv/bin/python"
  [[ -x "$PYTHON" ]] || PYTHON=python3
fi
"$PYTHON" -c 'import fontTools, brotli' 2>/dev/null ||
  { echo "error: $PYTHON lacks fonttools/brotli (pip install -e '.[dev]')" >&2; exit 1; }

TMP="$(mktemp -d "${TMPDIR:-/tmp}/fetch_vendor.XXXXXX")"
trap 'rm -rf -- "$TMP"' EXIT
STAGE="$TMP/vendor"
mkdir -p "$STAGE"

# fetch SPEC SHA -> extracts the tarball, prints the package dir
fetch() {
  local spec="$1" sha="$2" tgz dir actual
  tgz="$(cd "$TMP" && npm pack "$spec" --silent --ignore-scripts 2>/dev/null | tail -n1)"
  [[ -n "$tgz" && -f "$TMP/$tgz" ]] || { echo "error: npm pack $spec failed" >&2; exit 1; }
  actual="$(node -e 'const c=require("crypto"),f=require("fs");
    process.stdout.write("sha512-"+c.createHash("sha512").update(f.readFileSync(process.argv[1])).digest("base64"))' \
    "$TMP/$tgz")"
  if [[ "$actual" != "$sha" ]]; then
    echo "error: integrity mismatch for $spec: got $actual" >&2; exit 1
  fi
  dir="$TMP/pkg-${tgz%.tgz}"
  mkdir -p "$dir"
  tar -xzf "$TMP/$tgz" -C "$dir" --no-same-owner
  printf '%s\n' "$dir/package"
}

# Print the local (relative) url(...) targets of a CSS file, one per line
# (data:, http(s):, protocol-relative, absolute and #fragment urls are skipped;
# ?query/#hash suffixes are stripped).
css_local_urls() {
  node -e '
    const css = require("fs").readFileSync(process.argv[1], "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
    const re = /url\(\s*(["\x27]?)(.*?)\1\s*\)/g; let m; const out = new Set();
    while ((m = re.exec(css))) {
      const u = m[2].trim();
      if (!u || /^[a-z][a-z0-9+.-]*:/i.test(u) || u.startsWith("//") || u.startsWith("/") || u.startsWith("#")) continue;
      out.add(u.split(/[?#]/)[0]);
    }
    for (const u of out) console.log(u);' "$1"
}

# copy_css_assets SRC_CSS DEST_CSS: copy every file SRC_CSS references, keeping relative paths.
copy_css_assets() {
  local src="$1" dst="$2" u
  while IFS= read -r u; do
    [[ -f "$(dirname "$src")/$u" ]] || { echo "error: $src references missing $u" >&2; exit 1; }
    mkdir -p "$(dirname "$(dirname "$dst")/$u")"
    cp "$(dirname "$src")/$u" "$(dirname "$dst")/$u"
  done < <(css_local_urls "$src")
}

license_of() { node -p 'require(process.argv[1]).license' "$1/package.json"; }
version_of() { node -p 'require(process.argv[1]).version' "$1/package.json"; }

# We never ship source maps; drop their references so browsers don't 404 and
# Django's ManifestStaticFilesStorage (collectstatic) doesn't fail on them.
strip_sourcemap() {
  sed -i -E -e '/^\/\/[#@] sourceMappingURL=/d' -e 's#/\*[#@] sourceMappingURL=[^*]*\*/##g' "$1"
}

# ---- KERN UX ------------------------------------------------------------------
K="$(fetch "$KERN_SPEC" "$KERN_SHA")"
mkdir -p "$STAGE/kern/fonts" "$STAGE/kern/js"
cp "$K/dist/kern.min.css" "$STAGE/kern/kern.min.css"          # includes grid + utilities
# Only subsets of Fira Sans are shipped, with their own fira-sans.css (not KERN's).
"$PYTHON" "$SCRIPT_DIR/subset_fonts.py" "$K/dist/fonts/fira-sans" "$STAGE/kern/fonts" >/dev/null
if [[ "${KERN_WITH_NOTO:-0}" == "1" ]]; then
  cp "$K/dist/fonts/noto-sans.css" "$STAGE/kern/fonts/noto-sans.css"
  copy_css_assets "$K/dist/fonts/noto-sans.css" "$STAGE/kern/fonts/noto-sans.css"
fi
copy_css_assets "$K/dist/kern.min.css" "$STAGE/kern/kern.min.css"   # currently only data: URIs
cp "$K/dist/js/kern-kopfzeile.js" "$STAGE/kern/js/kern-kopfzeile.js" # optional <kern-kopfzeile> web component
# KERN ships the Fira Sans files but not their licence text; @fontsource/fira-sans carries it.
F="$(fetch "@fontsource/fira-sans@5.3.0" "sha512-z1SKSG7eRhm3srlb7rQ3j77QP4TP7OFxCZ4wUWhCdt+3hOF9K0AyvybpAsz6+JWNcCVV7AqC7dbOT3e67P2r5A==")"
cp "$F/LICENSE" "$STAGE/kern/fonts/OFL.txt"
cp "$K/LICENSE.md" "$STAGE/kern/LICENSE"

# ---- htmx ---------------------------------------------------------------------
H="$(fetch "$HTMX_SPEC" "$HTMX_SHA")"
mkdir -p "$STAGE/htmx"
cp "$H/dist/htmx.min.js" "$STAGE/htmx/htmx.min.js"
cp "$H/LICENSE" "$STAGE/htmx/LICENSE"

# ---- Leaflet ------------------------------------------------------------------
L="$(fetch "$LEAFLET_SPEC" "$LEAFLET_SHA")"
mkdir -p "$STAGE/leaflet/images"
cp "$L/dist/leaflet.js" "$L/dist/leaflet.css" "$STAGE/leaflet/"
cp "$L/dist/images/"*.png "$STAGE/leaflet/images/"   # marker-shadow.png etc. are used from JS, too
cp "$L/LICENSE" "$STAGE/leaflet/LICENSE"

# ---- axe-core -----------------------------------------------------------------
A="$(fetch "$AXE_SPEC" "$AXE_SHA")"
mkdir -p "$STAGE/axe"
cp "$A/axe.min.js" "$STAGE/axe/axe.min.js"
cp "$A/LICENSE" "$STAGE/axe/LICENSE"
cp "$A/LICENSE-3RD-PARTY.txt" "$STAGE/axe/LICENSE-3RD-PARTY.txt"

find "$STAGE" -type f \( -name '*.js' -o -name '*.css' \) -print0 |
  while IFS= read -r -d '' f; do strip_sourcemap "$f"; done

# ---- VERSIONS.txt -------------------------------------------------------------
{
  echo "# Generated by scripts/fetch_vendor.sh -- do not edit by hand."
  echo "# package@version  licence  -> directory"
  for pair in "$K:kern" "$H:htmx" "$L:leaflet" "$A:axe"; do
    p="${pair%:*}" d="${pair##*:}"
    printf '%s@%s  %s  -> %s/\n' "$(node -p 'require(process.argv[1]).name' "$p/package.json")" \
      "$(version_of "$p")" "$(license_of "$p")" "$d"
  done
  echo "# Fonts in kern/fonts/ (Fira Sans; Noto Sans if KERN_WITH_NOTO=1) are shipped by @kern-ux/native;"
  echo "# the typefaces themselves are licensed under the SIL Open Font License 1.1 (OFL-1.1)."
  echo "# Fira Sans is subset by scripts/subset_fonts.py (fonttools $("$PYTHON" -c 'import fontTools; print(fontTools.version)')):"
  echo "# weights 400/500/600/700, no italics, latin / latin-ext / cyrillic files; fira-sans.css is generated."
  echo "# kern/kern.pruned.min.css is kern.min.css pruned by scripts/prune_kern_css.sh (PurgeCSS)."
  echo "# sourceMappingURL comments were removed (source maps are not vendored)."
} > "$STAGE/VERSIONS.txt"

# ---- verify: every local url() in vendored CSS resolves ------------------------
missing=0
while IFS= read -r -d '' css; do
  while IFS= read -r u; do
    if [[ ! -f "$(dirname "$css")/$u" ]]; then
      echo "MISSING: ${css#"$STAGE"/} -> $u" >&2; missing=1
    fi
  done < <(css_local_urls "$css")
done < <(find "$STAGE" -type f -name '*.css' -print0)
[[ "$missing" == 0 ]] || { echo "error: unresolved url() references" >&2; exit 1; }

# ---- install into the repo (only the managed entries are replaced) ------------
mkdir -p "$DEST"
for entry in "${MANAGED[@]}"; do
  rm -rf -- "${DEST:?}/$entry"
  cp -R "$STAGE/$entry" "$DEST/$entry"
done
"$SCRIPT_DIR/prune_kern_css.sh"
echo "vendored into ${DEST#"$REPO_ROOT"/}:"
sed -n '3,6p' "$DEST/VERSIONS.txt"
