"""XLSForm (KoboToolbox/ODK) export and import of a survey's questions.

Sheets: `survey` (type, name, label::…, hint::…, required, relevant, constraint, appearance),
`choices` (list_name, name, label::…) and `settings` (form_title, form_id, default_language).

Mapping, both ways:
- einfach → `select_one <list>`, mehrfach → `select_multiple <list>` (the list is named after
  the question), janein → `select_one janein` (options „ja“/„nein“).
- skala → `select_one skala_<name>` with `appearance=likert` and one choice per value; the
  lowest and highest choice carry the scale's end labels (a label equal to the number means
  no end label). We chose this over `range` because it keeps the end labels in every
  language, so the round trip holds; `range` with `start`/`end` parameters is read too.
- text → `text`; zahl → `integer` with `constraint` `. >= min and . <= max`.
- quartier → `select_one quartier` with the Quartier slugs (Quartiere are master data: on
  import the list's choices are not copied).
- matrix → `begin_group <name>` with `appearance=field-list`, one `select_one <list>` per row
  named `<name>__<row>`, sharing the list, then `end_group`.
- condition → `relevant` `selected(${frage}, 'option')` (`${frage} = 'option'` is read too).
- languages → `label::<name> (<code>)`, e.g. `label::Deutsch (de)`, `label::العربية (ar)`;
  Leichte Sprache is `label::Leichte Sprache (de-x-ls)` (a private-use tag, since it has no
  language code of its own). A plain `label` column is the default language.

Not kept: the step (`seite`) of a question – an import puts every question on step 1.
Import is all or nothing: every problem is reported with its row, nothing is created unless
the whole file maps. Metadata fields (start, end, today, deviceid …) carry no question and
are skipped; the result names them.
"""

from .export import export_bytes, export_workbook
from .formats import MIME
from .imports import ImportResult, import_file, import_sheets
from .parsing import read_workbook
from .sheets import XLSFormError

__all__ = [
    "MIME",
    "ImportResult",
    "XLSFormError",
    "export_bytes",
    "export_workbook",
    "import_file",
    "import_sheets",
    "read_workbook",
]
