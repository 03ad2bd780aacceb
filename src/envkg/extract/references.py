"""References: every 《title》 in the document is a policy document known by its title."""

from __future__ import annotations

import re

from envkg.model import Context, Mention, Span
from envkg.namespaces import reference_key
from envkg.textnorm import TextView

# 《…》 with nested 〈…〉 allowed; a title does not run over a line or a sentence end.
_TITLE = re.compile(r"《([^《》\n。]{1,120})》")
_FILE_SUFFIX = re.compile(r"\.(?:docx?|pdf|xlsx?|pptx?|txt|wps)$", re.I)


def normalise_title(title: str) -> str:
    """The key form of a title: no spaces; 〈〉 kept as written (they are part of the title)."""
    return "".join(title.split())


def extract_references(view: TextView, ctx: Context) -> list[Mention]:
    out = []
    for m in _TITLE.finditer(view.text):
        title = m.group(1).strip()
        if not title or _FILE_SUFFIX.search(title):
            continue  # a file name shown by a document-sharing site, not a cited document
        key = reference_key(normalise_title(title))
        out.append(Mention("reference", Span(m.start(), m.end()), m.group(0), key, title))
    return out
