"""The house style: every measure and colour of a release, written once for every output.

The Typst template (PDF and preview) receives it in its JSON data, the DOCX styles are built from
it, and the app's editor takes its colours from it: changing a value here changes them all.

Vertical spacing follows one model that both Typst and Word/LibreOffice can reproduce exactly:
every line of a paragraph is ``line_height`` times its type size tall (Word's "at least" line
spacing, Typst's line box with no extra leading), and between two paragraphs there is the first
one's ``after`` plus the second one's ``before``, nothing else.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

BLEU_FRANCE = "#000091"
ROUGE_MARIANNE = "#E1000F"


@dataclass(frozen=True)
class Paragraph:
    """One kind of paragraph: type size (pt), weight, space before and after (pt), alignment."""

    size: float
    bold: bool = False
    before: float = 0.0
    after: float = 0.0
    justify: bool = False


@dataclass(frozen=True)
class Page:
    """A4, margins in millimetres."""

    width: float = 210.0
    height: float = 297.0
    top: float = 16.0
    bottom: float = 20.0
    left: float = 22.0
    right: float = 22.0
    footer_size: float = 8.0
    footer_colour: str = "#5A5A5A"
    footer_distance: float = 8.0
    """From the bottom edge of the page to the footer's baseline, millimetres."""

    @property
    def text_width(self) -> float:
        return self.width - self.left - self.right


@dataclass(frozen=True)
class Embargo:
    """The embargo notice: a box under the bloc-marque, never above it (the charter puts the
    bloc-marque at the top left of every document)."""

    colour: str = ROUGE_MARIANNE
    stroke: float = 1.0
    inset_x: float = 8.0
    inset_y: float = 4.0


@dataclass(frozen=True)
class DraftMark:
    """*PROJET* until approval: a light diagonal word across every page, in bleu France (the
    embargo is red and boxed: the two marks never look alike)."""

    colour: str = BLEU_FRANCE
    opacity: float = 22 / 255
    """The same tint in the PDF (Typst's fill, ``#00009116``) and the DOCX (Word's watermark)."""
    size: float = 110.0


@dataclass(frozen=True)
class HouseStyle:
    page: Page = field(default_factory=Page)
    line_height: float = 1.3
    """Baseline to baseline, as a multiple of the type size."""
    descent: float = 0.28
    """Where the baseline sits in a line: this share of the type size above the line's bottom."""
    link_colour: str = BLEU_FRANCE
    link_underline: bool = True
    """Links are underlined as well as coloured: colour alone fails WCAG 1.4.1."""
    brand_after: float = 28.0
    """From the bloc-marque's bottom to the next line's top, pt."""
    embargo: Embargo = field(default_factory=Embargo)
    draft_mark: DraftMark = field(default_factory=DraftMark)
    embargo_text: Paragraph = Paragraph(11, bold=True, before=12, after=16)
    """Under the bloc-marque, in its place of ``brand_after``."""
    kind: Paragraph = Paragraph(12, after=6)
    headline: Paragraph = Paragraph(14, bold=True, after=16)
    dateline: Paragraph = Paragraph(11)
    number: Paragraph = Paragraph(11)
    meta_after: float = 16.0
    """After the dateline and number, whichever comes last."""
    body: Paragraph = Paragraph(11, after=8, justify=True)
    list_item: Paragraph = Paragraph(11, after=3, justify=True)
    list_after: float = 8.0
    """After a list's last item."""
    list_indent: float = 4.0
    """From the margin to the bullet, pt."""
    list_body_indent: float = 14.0
    """From the margin to the item's text, pt."""
    bullet: str = "•"
    contacts_heading: Paragraph = Paragraph(11, bold=True, before=10, after=4)
    contact: Paragraph = Paragraph(11, after=2)
    chapter: Paragraph = Paragraph(13, bold=True, before=14, after=6)
    """A heading of level 1 in the body (a speech's part, a press kit's chapter)."""
    section: Paragraph = Paragraph(11.5, bold=True, before=10, after=4)
    """A heading of level 2 in the body."""
    table_cell: Paragraph = Paragraph(10, before=2, after=2)
    table_after: float = 10.0
    table_rule: str = "#929292"
    table_header_fill: str = "#EEEEEE"
    caption: Paragraph = Paragraph(9.5, before=4, after=10)
    caption_colour: str = "#3A3A3A"
    figure_width: float = 0.8
    """The widest an image is set: this share of the text's width."""
    delivery: Paragraph = Paragraph(11, bold=True, before=0, after=14)
    """A speech's delivery mention (« Seul le prononcé fait foi »), under the dateline."""

    def line(self, paragraph: Paragraph) -> float:
        """A line's height for this kind of paragraph, pt."""
        return paragraph.size * self.line_height

    def as_data(self) -> dict[str, Any]:
        """The style as plain JSON data, for the Typst template."""
        data = asdict(self)
        data["page"]["text_width"] = self.page.text_width
        return data


HOUSE_STYLE = HouseStyle()


# Paragraph and character styles of the editable formats (DOCX, ODT), by role: the names a user
# sees in Word's and LibreOffice's style lists.
STYLE_BRAND = "Bloc-marque"
STYLE_EMBARGO = "Embargo"
STYLE_KIND = "Type de communiqué"
STYLE_HEADLINE = "Titre du communiqué"
STYLE_DATELINE = "Lieu et date"
STYLE_NUMBER = "Numéro du communiqué"
STYLE_BODY = "Texte du communiqué"
STYLE_LIST = "Liste du communiqué"
STYLE_CONTACTS_HEADING = "Titre des contacts presse"
STYLE_CONTACT = "Contact presse"
STYLE_FOOTER = "Pied de page du communiqué"
STYLE_CHAPTER = "Titre 1"
STYLE_SECTION = "Titre 2"
STYLE_TABLE_CELL = "Cellule de tableau"
STYLE_CAPTION = "Légende"
STYLE_FIGURE = "Image du communiqué"
STYLE_DELIVERY = "Mention de prononcé"
STYLE_DRAFT_MARK = "Mention PROJET"
NO_LANGUAGE = "zxx"
"""ISO 639 "no linguistic content": Word and LibreOffice neither hyphenate nor spell-check it."""
