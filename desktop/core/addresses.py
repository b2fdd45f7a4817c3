"""E-mail addresses: the one rule for what the office takes in, and what it warns about.

Every place an address enters (a list, ``mail --to``, the window's *Autres adresses*, the
directory, a release's contacts) goes through ``checked_address`` and ``international_warning``.

An address with accents before the ``@`` (``josé@exemple.fr``) is valid (RFC 6531, the
SMTPUTF8 extension), so it is accepted, not refused: the journalist may really have it. But
RFC 6531 has no fallback (section 3.2: a client must not hand such an address to a server that
does not offer SMTPUTF8): it arrives only if the office's server and every server after it
offer the extension. Postfix offers it since 3.0 when enabled; the office cannot know what a
journalist's provider offers, and such addresses are rare, so one is most often a typing slip
for ``jose@…``. Hence a French warning at entry, naming the address without accents; at send
time an address the office's server cannot carry is refused for that address alone
(``services.smtp_send``). An accented domain (``exémple.fr``) needs nothing of the kind: it
travels as IDNA (``xn--…``) everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

ADDRESS_IN_TEXT = re.compile(
    r"\b(?:https?|ftp)://[^\s<>«»\"]+"
    r"|\bwww\.[^\s<>«»\"]+"
    r"|\bmailto:[^\s<>«»\"]+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    re.IGNORECASE,
)
"""A web or e-mail address typed in running text: what the outputs set whole and link
(``render.content``) and what spelling skips (``services.spelling``), one rule for both."""
BARE_DOMAIN = re.compile(r"\b(?:[\w-]+\.)+[a-z]{2,}\b(?:/[^\s<>«»\"]*)?")
"""``interieur.gouv.fr/Espace-presse``: a site named without ``https://`` or ``www.``; not
linked, but not prose either, so spelling skips it too."""


def address_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` holds an address (``ADDRESS_IN_TEXT``) or a bare domain, as
    ``(start, end)``: words there are not prose."""
    return [m.span() for pattern in (ADDRESS_IN_TEXT, BARE_DOMAIN) for m in pattern.finditer(text)]


def checked_address(text: str) -> str | None:
    """``text`` as one valid address, normalised (domain in lower case, Unicode in NFC), or
    None. No network: deliverability is not checked."""
    from email_validator import EmailNotValidError, validate_email

    try:
        return str(validate_email(text.strip(), check_deliverability=False).normalized)
    except EmailNotValidError:
        return None


def without_accents(text: str) -> str:
    """``josé`` as ``jose``: accents dropped (other non-ASCII letters kept)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def international_warnings(addresses: Iterable[str]) -> tuple[str, ...]:
    """``international_warning`` for each address that needs one, in order."""
    return tuple(w for w in map(international_warning, addresses) if w)


def international_warning(address: str) -> str | None:
    """A French warning when the part of ``address`` before the ``@`` is not ASCII, else None."""
    local, at, domain = address.strip().rpartition("@")
    if not at or local.isascii():
        return None
    plain = without_accents(local)
    hint = (
        f" Vérifiez qu’il ne s’agit pas d’une faute de frappe pour «\u00a0{plain}@{domain}\u00a0»."
        if plain.isascii() and plain != local
        else ""
    )
    return (
        f"«\u00a0{address.strip()}\u00a0» a des caractères accentués avant l’arobase\u00a0: "
        "une telle adresse (internationalisée, RFC\u00a06531) n’est servie que si le serveur "
        "d’envoi du service et celui du destinataire acceptent SMTPUTF8, sinon elle sera "
        f"refusée à l’envoi.{hint}"
    )
