"""A corpus of old releases written by other tools, made at test time, with the fields expected.

Layouts met in real press offices: the bloc-marque as paragraphs, in a table beside the
dateline, as a picture, in the page header or in a text box; the dateline right-aligned, after
the headline or opening the first paragraph; the number in the page header; contacts one field a
line, run together on one line, in a table a contact a row, or side by side. Word documents are
made with python-docx, LibreOffice documents with odfpy, PDFs by LibreOffice from both, and
texts as a person pastes them (and an e-mail).

``python -m tests.importing.corpus DIR`` writes the corpus into DIR to look at.
"""

from __future__ import annotations

import email.message
import shutil
import struct
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tests.render.layout_compare import convert_with_libreoffice

MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


@dataclass(frozen=True)
class Para:
    """A body paragraph: (text, bold, italic, link) pieces; ``items`` for a bulleted list."""

    pieces: tuple[tuple[str, bool, bool, str | None], ...] = ()
    items: tuple[str, ...] = ()

    @property
    def texts(self) -> list[str]:
        return list(self.items) if self.items else ["".join(p[0] for p in self.pieces)]


@dataclass(frozen=True)
class Expected:
    header: tuple[str, ...]
    kind: str
    headline: str
    place: str
    date: date
    number: int
    body: tuple[Para, ...]
    contacts: tuple[tuple[str, str, str], ...]
    embargo: str = ""

    @property
    def body_texts(self) -> list[str]:
        return [t for p in self.body for t in p.texts]

    def dateline(self) -> str:
        day = "1er" if self.date.day == 1 else str(self.date.day)
        return f"{self.place}, le {day} {MONTHS[self.date.month - 1]} {self.date.year}"


@dataclass
class Sample:
    path: Path
    expected: Expected
    layout: str = ""


MINISTRIES = (
    (
        "MINISTÈRE DE LA COHÉSION DES TERRITOIRES",
        "ET DES RELATIONS AVEC LES COLLECTIVITÉS TERRITORIALES",
    ),
    ("MINISTÈRE DE L’ÉCONOMIE,", "DES FINANCES ET DE LA RELANCE"),
    ("MINISTÈRE DE LA CULTURE",),
    ("MINISTÈRE DE LA TRANSITION ÉCOLOGIQUE",),
    ("GOUVERNEMENT",),
    ("MINISTÈRE DE L’AGRICULTURE", "ET DE L’ALIMENTATION"),
)
PLACES = ("Paris", "Lyon", "Béthune", "Saint-Denis", "Marseille", "Aix-en-Provence")
SUBJECTS = (
    ("Territoire d’industrie de Béthune-Bruay", "l’industrie", "Bridgestone"),
    ("plan France Relance en Occitanie", "la relance", "les PME"),
    ("restauration du patrimoine rural", "le patrimoine", "les communes"),
    ("rénovation énergétique des écoles", "la rénovation", "les collectivités"),
    ("soutien aux éleveurs après la sécheresse", "l’agriculture", "les éleveurs"),
    ("Fête de la musique 2021", "la culture", "les associations"),
    ("déploiement de la fibre dans la Creuse", "le numérique", "les foyers"),
    ("fonds d’accélération des investissements industriels", "l’investissement", "les entreprises"),
)
PEOPLE = (
    ("Cabinet J. Gourault", "01 44 49 89 40", "communication.jg@cohesion-territoires.gouv.fr"),
    ("Cabinet A. Pannier-Runacher", "01 53 18 44 38", "presse@industrie.gouv.fr"),
    ("Service de presse de la ministre", "01 40 15 83 31", "service-presse@culture.gouv.fr"),
    ("Marie Dupont-Lefèvre", "06 12 34 56 78", "marie.dupont-lefevre@ecologie.gouv.fr"),
    ("Jean-Baptiste Moreau", "01 49 55 49 55", "jb.moreau@agriculture.gouv.fr"),
    ("Élodie Martin", "+33 1 42 75 80 00", "elodie.martin@economie.gouv.fr"),
)


KIND_LINES = (
    "Communiqué de presse",
    "Communiqué de presse",
    "Dossier de presse",
    "Communiqué de presse",
    "Communiqué de presse conjoint",
    "Déclaration",
)
"""The kind lines of the corpus, in the house's form (some samples print them in capitals)."""
DOCUMENTS = {"Dossier de presse": "dossier", "Déclaration": "declaration"}
"""The document kind each line makes (a communiqué otherwise)."""


def content(i: int) -> Expected:
    """The ``i``-th release's content: varied ministries, dates, numbers, lists, links, contacts."""
    subject, field_, who = SUBJECTS[i % len(SUBJECTS)]
    when = date(2018 + i % 5, 1 + (i * 5) % 12, 1 + (i * 7) % 28)
    body = (
        Para(
            (
                (
                    f"Le Gouvernement annonce un accompagnement renforcé pour {who}, ",
                    False,
                    False,
                    None,
                ),
                ("dès cette semaine", True, False, None),
                (f", dans le cadre du {subject}.", False, False, None),
            )
        ),
        Para(
            (
                (
                    f"Cette mesure s’inscrit dans la politique menée en faveur de {field_} depuis "
                    f"{2015 + i % 4}, et représente {120 + i} jours d’accompagnement pour les "
                    "territoires concernés.",
                    False,
                    False,
                    None,
                ),
            )
        ),
        Para(
            items=(
                f"un appui en ingénierie pour {who}",
                "un suivi trimestriel des projets",
                "un comité de pilotage local",
            )
        ),
        Para(
            (
                ("Les modalités sont détaillées sur ", False, False, None),
                ("le site du ministère", False, False, f"https://www.example.gouv.fr/dossier-{i}"),
                (". ", False, False, None),
                ("Une réunion de lancement s’est tenue ce lundi.", False, True, None),
            )
        ),
    )
    if i % 3 == 0:
        body = (
            *body,
            Para(
                (
                    (
                        f"Les candidatures sont ouvertes jusqu’au {10 + i % 18} {MONTHS[(i + 2) % 12]}.",
                        False,
                        False,
                        None,
                    ),
                )
            ),
        )
    count = 1 + i % 3
    contacts = tuple(PEOPLE[(i + k) % len(PEOPLE)] for k in range(count))
    return Expected(
        header=MINISTRIES[i % len(MINISTRIES)],
        kind=KIND_LINES[i % len(KIND_LINES)],
        headline=f"Lancement d’un accompagnement pour {who} dans le cadre du {subject}",
        place=PLACES[i % len(PLACES)],
        date=when,
        number=100 + 17 * i,
        body=body,
        contacts=contacts,
    )


# ---------------------------------------------------------------- Word (python-docx)


def png(width: int = 120, height: int = 60) -> bytes:
    """A small picture (the bloc-marque's stand-in), made without any imaging library."""
    raw = b"".join(b"\x00" + bytes([0, 0, 145] * width) for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def _hyperlink(paragraph, text: str, url: str) -> None:  # type: ignore[no-untyped-def]
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rid = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def _docx_body(doc, e: Expected, *, first_dateline: bool = False) -> None:  # type: ignore[no-untyped-def]
    for n, para in enumerate(e.body):
        if para.items:
            for item in para.items:
                doc.add_paragraph(item, style="List Bullet")
            continue
        p = doc.add_paragraph()
        if n == 0 and first_dateline:
            p.add_run(e.dateline() + " – ")
        for text, bold, italic, link in para.pieces:
            if link:
                _hyperlink(p, text, link)
            else:
                run = p.add_run(text)
                run.bold, run.italic = bold or None, italic or None


def _docx_contacts(doc, e: Expected, style: str) -> None:  # type: ignore[no-untyped-def]
    if style == "lines":
        doc.add_paragraph().add_run("Contacts presse").bold = True
        for name, phone, mail in e.contacts:
            doc.add_paragraph(name)
            doc.add_paragraph(f"Tél. : {phone}")
            doc.add_paragraph(f"Courriel : {mail}")
    elif style == "one_line":
        doc.add_paragraph("Contacts presse :")
        doc.add_paragraph(" – ".join(f"{n} {p} {m}" for n, p, m in e.contacts))
    elif style == "table_rows":
        doc.add_paragraph("Contacts presse")
        table = doc.add_table(rows=len(e.contacts), cols=3)
        for r, contact in enumerate(e.contacts):
            for c, value in enumerate(contact):
                table.cell(r, c).text = value
    elif style == "side_by_side":
        table = doc.add_table(rows=4, cols=len(e.contacts))
        table.cell(0, 0).text = "Contacts presse"
        for c, (name, phone, mail) in enumerate(e.contacts):
            table.cell(1, c).text = name
            table.cell(2, c).text = phone
            table.cell(3, c).text = mail
    elif style == "no_mark":
        for name, phone, mail in e.contacts:
            doc.add_paragraph(f"{name} – {phone} – {mail}")
    doc.add_paragraph("Ministère – 20 avenue de Ségur – 75007 Paris")


def _text_box(paragraph, lines: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    """A VML text box (as Word 2003 templates made them) holding ``lines``."""
    from docx.oxml import parse_xml

    inner = "".join(
        f'<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{line}</w:t></w:r></w:p>'
        for line in lines
    )
    xml = (
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><w:pict>'
        '<v:shape id="bloc" type="#_x0000_t202" style="width:260pt;height:70pt">'
        f"<v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    )
    paragraph._p.append(parse_xml(xml))


def make_docx(e: Expected, path: Path, layout: str, contacts: str) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    doc = docx.Document()
    section = doc.sections[0]
    picture = path.parent / "bloc.png"
    if not picture.exists():
        picture.write_bytes(png())
    if layout == "paragraphs":
        for line in e.header:
            doc.add_paragraph().add_run(line).bold = True
        doc.add_paragraph(e.kind)
        doc.add_paragraph(e.dateline()).alignment = WD_ALIGN_PARAGRAPH.RIGHT
        doc.add_paragraph(f"N°{e.number}")
        doc.add_paragraph(e.headline, style="Title")
        _docx_body(doc, e)
    elif layout == "header_table":
        table = doc.add_table(rows=1, cols=2)
        left, right = table.cell(0, 0), table.cell(0, 1)
        left.text = "\n".join(e.header)
        right.text = e.kind
        right.add_paragraph(e.dateline()).alignment = WD_ALIGN_PARAGRAPH.RIGHT
        right.add_paragraph(f"CP n° {e.date.year}-{e.number:04d}")
        p = doc.add_paragraph()
        p.add_run(e.headline).bold = True
        _docx_body(doc, e)
    elif layout == "picture":
        doc.add_picture(str(picture), width=Mm(30))
        doc.paragraphs[-1].runs[0]._r.xpath(".//wp:docPr")[0].set("descr", "Marianne – bloc-marque")
        for line in e.header:
            doc.add_paragraph(line)
        doc.add_paragraph(e.dateline()).alignment = WD_ALIGN_PARAGRAPH.RIGHT
        shown = "Communiqué" if e.kind == "Communiqué de presse" else e.kind
        doc.add_paragraph(f"{shown} n°{e.number}")
        doc.add_heading(e.headline, level=1)
        _docx_body(doc, e)
    elif layout == "page_header":
        header = section.header
        header.paragraphs[0].text = e.header[0]
        for line in e.header[1:]:
            header.add_paragraph(line)
        header.add_paragraph(f"{e.kind} n° {e.number}")
        doc.add_paragraph(e.headline, style="Title")
        doc.add_paragraph(e.dateline()).alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _docx_body(doc, e)
    elif layout == "text_box":
        _text_box(doc.add_paragraph(), e.header)
        doc.add_paragraph(f"{e.kind.upper()} – N°{e.number}")
        p = doc.add_paragraph()
        p.add_run(e.headline).bold = True
        _docx_body(doc, e, first_dateline=True)
    elif layout == "picture_header":
        header = section.header
        header.paragraphs[0].add_run().add_picture(str(picture), width=Mm(25))
        header.add_paragraph("RÉPUBLIQUE FRANÇAISE")
        for line in e.header:
            header.add_paragraph(line)
        doc.add_paragraph(e.kind.upper())
        doc.add_paragraph(e.headline, style="Title")
        doc.add_paragraph(f"{e.dateline()} – N°{e.number}")
        _docx_body(doc, e)
    _docx_contacts(doc, e, contacts)
    doc.core_properties.title = ""
    doc.save(str(path))


# ---------------------------------------------------------------- LibreOffice (odfpy)


def make_odt(e: Expected, path: Path, layout: str, contacts: str) -> None:
    from odf.opendocument import OpenDocumentText
    from odf.style import (
        Footer,
        Header,
        MasterPage,
        PageLayout,
        PageLayoutProperties,
        ParagraphProperties,
        Style,
        TextProperties,
    )
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import A, H, List, ListItem, P, Span

    doc = OpenDocumentText()
    bold = Style(name="Gras", family="text")
    bold.addElement(TextProperties(fontweight="bold"))
    italic = Style(name="Italique", family="text")
    italic.addElement(TextProperties(fontstyle="italic"))
    right = Style(name="Droite", family="paragraph")
    right.addElement(ParagraphProperties(textalign="end"))
    title = Style(name="Titre1", family="paragraph", displayname="Title")
    title.addElement(TextProperties(fontsize="18pt", fontweight="bold"))
    for style in (bold, italic, right):
        doc.automaticstyles.addElement(style)
    doc.styles.addElement(title)
    layout_style = PageLayout(name="Page")
    layout_style.addElement(PageLayoutProperties(pagewidth="21cm", pageheight="29.7cm"))
    doc.automaticstyles.addElement(layout_style)
    master = MasterPage(name="Standard", pagelayoutname=layout_style)
    doc.masterstyles.addElement(master)
    text = doc.text

    def para(value: str, style: object | None = None) -> P:
        p = P(stylename=style) if style is not None else P()
        p.addText(value)
        text.addElement(p)
        return p

    if layout == "page_header":
        header = Header()
        for line in e.header:
            header.addElement(P(text=line))
        header.addElement(P(text=f"Communiqué n° {e.date.year}-{e.number}"))
        master.addElement(header)
        footer = Footer()
        footer.addElement(P(text="www.example.gouv.fr"))
        master.addElement(footer)
        h = H(outlinelevel=1, stylename=title)
        h.addText(e.headline)
        text.addElement(h)
        para(e.dateline(), right)
    elif layout == "header_table":
        table = Table(name="Entete")
        table.addElement(TableColumn(numbercolumnsrepeated=2))
        row = TableRow()
        left, cell = TableCell(), TableCell()
        for line in e.header:
            left.addElement(P(text=line))
        cell.addElement(P(text=e.kind))
        cell.addElement(P(stylename=right, text=e.dateline()))
        cell.addElement(P(text=f"N° {e.number}"))
        row.addElement(left)
        row.addElement(cell)
        table.addElement(row)
        text.addElement(table)
        h = P(stylename=title)
        h.addText(e.headline)
        text.addElement(h)
    else:
        for line in e.header:
            p = P()
            p.addElement(Span(stylename=bold, text=line))
            text.addElement(p)
        para(e.kind)
        para(f"N°{e.number}")
        para(e.dateline(), right)
        h = H(outlinelevel=1, stylename=title)
        h.addText(e.headline)
        text.addElement(h)
    for p_ in e.body:
        if p_.items:
            listing = List()
            for item in p_.items:
                li = ListItem()
                li.addElement(P(text=item))
                listing.addElement(li)
            text.addElement(listing)
            continue
        p = P()
        for value, b, i_, link in p_.pieces:
            if link:
                a = A(href=link, type="simple")
                a.addText(value)
                p.addElement(a)
            elif b or i_:
                p.addElement(Span(stylename=bold if b else italic, text=value))
            else:
                p.addText(value)
        text.addElement(p)
    if contacts == "table_rows":
        para("Contacts presse :")
        table = Table(name="Contacts")
        table.addElement(TableColumn(numbercolumnsrepeated=3))
        for contact in e.contacts:
            row = TableRow()
            for value in contact:
                cell = TableCell()
                cell.addElement(P(text=value))
                row.addElement(cell)
            table.addElement(row)
        text.addElement(table)
    elif contacts == "one_line":
        para("Contact presse : " + " / ".join(f"{n}, tél. {p}, {m}" for n, p, m in e.contacts))
    else:
        para("Contacts presse")
        for name, phone, mail in e.contacts:
            para(name)
            para(f"{phone} – {mail}")
    doc.save(str(path))


# ---------------------------------------------------------------- texts and e-mails


def text_of(e: Expected, variant: int) -> str:
    lines = [*e.header, e.kind.upper() if variant else e.kind]
    lines += [e.dateline(), f"N° {e.date.year}-{e.number:04d}" if variant else f"N° {e.number}", ""]
    lines += [e.headline, ""]
    for para in e.body:
        if para.items:
            lines += [f"• {item}" if variant else f"- {item}" for item in para.items]
        else:
            value = "".join(p[0] for p in para.pieces)
            if variant:  # a text wrapped at 72 columns, as e-mail programs do
                import textwrap

                lines += textwrap.wrap(value, 72)
            else:
                lines.append(value)
        lines.append("")
    lines.append("Contacts presse :")
    for name, phone, mail in e.contacts:
        lines.append(f"{name} – {phone} – {mail}" if variant else f"{name}\nTél : {phone}\n{mail}")
    return "\n".join(lines) + "\n"


PASTED = """MINISTÈRE DE LA CULTURE
{kind}
Paris, le 3 novembre 2024
{number}

Les archives départementales rouvrent

Les salles de lecture accueillent de nouveau le public.

Contacts presse :
Service de presse – 01 40 15 80 00 – presse@culture.gouv.fr
"""
"""A short release as pasted from an e-mail, its kind line and number line to fill."""


def pasted(kind: str = "COMMUNIQUÉ DE PRESSE", number: str = "") -> str:
    return PASTED.format(kind=kind, number=number)


def printed_label(e: Expected, layout: str) -> str:
    """The number as the sample of ``layout`` prints it, without the kind before it (the kind
    line prints it): what an import must keep."""
    n, year = e.number, e.date.year
    labels = {
        "docx/header_table": f"CP n° {year}-{n:04d}",
        "docx/page_header": f"N° {n}",
        "odt/page_header": f"N° {year}-{n}",
        "odt/header_table": f"N° {n}",
        "txt/0": f"N° {n}",
        "txt/1": f"N° {year}-{n:04d}",
        "eml": f"N° {n}",
    }
    key = layout.removeprefix("pdf/")
    return next((v for k, v in labels.items() if key == k or key.startswith(k + "/")), f"N°{n}")


def make_eml(e: Expected, path: Path) -> None:
    message = email.message.EmailMessage()
    message["Subject"] = f"CP {e.number} – {e.headline}"
    message["From"] = "presse@example.gouv.fr"
    message["To"] = "redaction@example.fr"
    message.set_content(text_of(e, 0))
    path.write_bytes(bytes(message))


# ---------------------------------------------------------------- the corpus

DOCX_LAYOUTS = (
    ("paragraphs", "lines"),
    ("header_table", "one_line"),
    ("picture", "table_rows"),
    ("page_header", "side_by_side"),
    ("text_box", "lines"),
    ("picture_header", "no_mark"),
    ("paragraphs", "table_rows"),
    ("header_table", "side_by_side"),
)
ODT_LAYOUTS = (("plain", "lines"), ("header_table", "table_rows"), ("page_header", "one_line"))


def build(folder: Path, *, pdf: bool = True) -> list[Sample]:
    """Write the corpus into ``folder``: 16 Word, 6 LibreOffice, PDFs of 8 of them, 4 texts
    and 2 e-mails (36 files with PDFs)."""
    folder.mkdir(parents=True, exist_ok=True)
    samples: list[Sample] = []
    makers: list[tuple[str, Callable[[Expected, Path], None], str]] = []
    for layout, contacts in DOCX_LAYOUTS * 2:
        makers.append(
            (
                ".docx",
                lambda e, p, lay=layout, c=contacts: make_docx(e, p, lay, c),
                f"docx/{layout}/{contacts}",
            )
        )
    for layout, contacts in ODT_LAYOUTS * 2:
        makers.append(
            (
                ".odt",
                lambda e, p, lay=layout, c=contacts: make_odt(e, p, lay, c),
                f"odt/{layout}/{contacts}",
            )
        )
    for variant in (0, 1, 0, 1):
        makers.append(
            (
                ".txt",
                lambda e, p, v=variant: p.write_text(text_of(e, v), encoding="utf-8"),
                f"txt/{variant}",
            )
        )
    makers += [(".eml", make_eml, "eml"), (".eml", make_eml, "eml")]
    for n, (suffix, make, layout) in enumerate(makers):
        expected = content(n)
        path = folder / f"cp-{n:02d}{suffix}"
        make(expected, path)
        samples.append(Sample(path, expected, layout))
    if pdf and shutil.which("soffice"):
        chosen = [s for s in samples if s.path.suffix in (".docx", ".odt")][::3]
        out = folder / "pdf"
        out.mkdir(exist_ok=True)
        convert_with_libreoffice([s.path for s in chosen], out)
        for sample in chosen:
            made = out / (sample.path.stem + ".pdf")
            if made.exists():
                samples.append(Sample(made, sample.expected, "pdf/" + sample.layout))
    return samples


if __name__ == "__main__":
    for s in build(Path(sys.argv[1])):
        print(s.path, s.layout)
