"""The pruned KERN CSS and the subset fonts stay in step with the pages that use them."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
KERN = ROOT / "static" / "vendor" / "kern"
FONTS = KERN / "fonts"


def classes_in(css):
    return set(re.findall(r"\.(kern-[a-z0-9_-]+)", css))


def sources():
    """Every file that can put a KERN class into a page (scripts/purgecss.config.cjs)."""
    yield from (ROOT / "templates").rglob("*.html")
    yield from (ROOT / "static" / "js").glob("*.js")
    for app in ("befragung", "cockpit", "netzwerk", "quartiere", "gwa_portal"):
        yield from (p for p in (ROOT / app).rglob("*.py") if "migrations" not in p.parts)


def test_every_kern_rule_for_classes_the_portal_names_is_in_the_pruned_css():
    used = set()
    for path in sources():
        used |= set(re.findall(r"\bkern-[a-z0-9_-]*[a-z0-9]", path.read_text()))
    needed = set()
    for selectors in re.findall(r"([^{}]+)\{[^{}]*\}", (KERN / "kern.min.css").read_text()):
        for selector in selectors.split(","):
            named = classes_in(selector)
            if named and named <= used:
                needed |= named
    missing = sorted(needed - classes_in((KERN / "kern.pruned.min.css").read_text()))
    assert not missing, f"run scripts/prune_kern_css.sh; the pruned CSS lacks {missing}"


def test_the_pruned_css_is_a_fraction_of_kern():
    pruned = (KERN / "kern.pruned.min.css").stat().st_size
    assert pruned < (KERN / "kern.min.css").stat().st_size / 3
    assert "kern-icon--dehaze" in (KERN / "kern.pruned.min.css").read_text()  # the phone menu


def test_the_base_layout_loads_the_pruned_css_and_preloads_a_font_that_exists():
    base = (ROOT / "templates" / "base.html").read_text()
    assert "vendor/kern/kern.pruned.min.css" in base
    assert "vendor/kern/kern.min.css" not in base
    preload = re.search(r'rel="preload" href="\{% static \'([^\']+)\' %\}" as="font"', base)
    assert (ROOT / "static" / preload.group(1)).is_file()
    assert Path(preload.group(1)).name in (FONTS / "fira-sans.css").read_text()


def test_every_fira_sans_face_swaps_and_points_to_a_subset_file():
    css = (FONTS / "fira-sans.css").read_text()
    faces = re.findall(r"@font-face \{([^}]*)\}", css)
    web = [f for f in faces if 'font-family: "Fira Sans";' in f]
    assert web and all("font-display: swap;" in f and "unicode-range:" in f for f in web)
    for face in web:
        url = re.search(r'url\("\./([^"]+)"\)', face).group(1)
        assert (FONTS / url).is_file()
        assert (FONTS / url).stat().st_size < 40 * 1024
    fallbacks = [f for f in faces if "Fallback" in f]
    assert fallbacks and all("size-adjust:" in f and "local(" in f for f in fallbacks)
    assert (FONTS / "OFL.txt").is_file()
