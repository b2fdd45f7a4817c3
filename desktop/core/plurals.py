"""French counts said as a person writes them: « 1 résultat », « 2 résultats », never
« 1 résultat(s) ». In French 0 and 1 take the singular (« 0 résultat »)."""

from __future__ import annotations

NBSP = "\u00a0"
"""A no-break space, for ``space=``: the figure never left alone at the end of a line."""


def plural(count: int, singular: str, plural_form: str | None = None, *, space: str = " ") -> str:
    """``count`` and the words that agree with it: ``plural(2, "contact ajouté")`` is
    « 2 contacts ajoutés ». Without ``plural_form`` every word takes an « s » (unless it ends in
    s, x or z); irregular phrases give theirs (« déjà présent » → « déjà présents »)."""
    return f"{count}{space}{agree(count, singular, plural_form)}"


def agree(count: int, singular: str, plural_form: str | None = None) -> str:
    """The words alone, agreeing with ``count`` (« refusée » or « refusées »)."""
    if -2 < count < 2:
        return singular
    if plural_form is not None:
        return plural_form
    return " ".join(w if w.endswith(("s", "x", "z")) else w + "s" for w in singular.split(" "))
