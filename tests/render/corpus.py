"""A corpus of drafts for comparing the outputs: 1 to 4 pages, with long addresses, links,
embargoes, lists and several contacts. Built from a seed, so every run has the same drafts."""

from __future__ import annotations

import random
import re
from dataclasses import replace
from datetime import UTC, date, datetime

from desktop.core.model import BulletList, Contact, Paragraph, Release, Run
from desktop.services.drafts import load_draft
from tests.helpers import SEED

_WORDS = tuple(
    re.findall(
        r"\S+",
        """
le territoire accompagnement industriel bassin emploi projets ministre gouvernement
transition écologique collectivités renforcer dispositif financement entreprises communes
départements région agglomération partenaires engagement développement économique
solidarité habitants services publics numérique formation jeunes innovation recherche
énergie rénovation logement mobilité santé hôpitaux agriculture alimentation durable
investissement plan relance europe mesures concertation calendrier appel candidatures
lauréats accompagner soutenir déployer annoncer présenter renforcer mobiliser associer
construire réussir""",
    )
)
_SHORT = tuple(re.findall(r"\S+", "de la le les des du en à au et pour dans sur avec par"))
ADDRESSES = (
    "communication.deal-guadeloupe@developpement-durable.gouv.fr",
    "presse.cabinet@economie-finances-souverainete.gouv.fr",
    "https://www.demarches-simplifiees.fr/commencer/appel-a-projets-renaturer-les-villes",
    "https://www.ecologie.gouv.fr/politiques-publiques/renaturation-villes?source=communique",
    "sec.presse@interieur.gouv.fr",
)


def _sentence(rng: random.Random, words: int) -> str:
    out = []
    for i in range(words):
        out.append(rng.choice(_SHORT) if i % 3 == 1 else rng.choice(_WORDS))
    text = " ".join(out)
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random) -> Paragraph:
    sentences = [_sentence(rng, rng.randint(8, 22)) for _ in range(rng.randint(1, 5))]
    runs = [Run(" ".join(sentences) + " ")]
    roll = rng.random()
    if roll < 0.25:
        runs.append(
            Run(
                f"Écrire à {rng.choice(ADDRESSES[:2] + ADDRESSES[4:])} ou consulter "
                f"{rng.choice(ADDRESSES[2:4])} pour en savoir plus."
            )
        )
    elif roll < 0.45:
        address = rng.choice(ADDRESSES[2:4])
        runs += [Run("Le dossier est en ligne : "), Run(address, link=address), Run(".")]
    elif roll < 0.55:
        runs.append(Run("Ce point est essentiel.", bold=True))
    return Paragraph(tuple(runs))


def _bullets(rng: random.Random) -> BulletList:
    return BulletList(
        tuple((Run(_sentence(rng, rng.randint(4, 18))),) for _ in range(rng.randint(2, 5)))
    )


def draft(index: int) -> Release:
    """Draft ``index`` of the corpus: about 2 to 32 paragraphs."""
    rng = random.Random(index)
    base = load_draft(SEED)
    paragraphs = 2 + (index * 7) % 30
    body: list[Paragraph | BulletList] = []
    for _ in range(paragraphs):
        body.append(_bullets(rng) if rng.random() < 0.15 else _paragraph(rng))
    contacts = tuple(
        Contact(
            f"Service {i + 1} {rng.choice(_WORDS)}",
            "01 44 49 89 40",
            rng.choice(ADDRESSES[:2] + ADDRESSES[4:]),
        )
        for i in range(rng.randint(1, 8))
    )
    headline = _sentence(rng, rng.randint(6, 30))[:-1]
    return replace(
        base,
        headline=headline,
        body=tuple(body),
        contacts=contacts,
        date=date(2021, rng.randint(1, 12), rng.choice((1, 3, 17, 28))),
        embargo=(datetime(2021, 4, 1, 8, 0, tzinfo=UTC) if index % 3 == 0 else None),
    )


def corpus(size: int = 24) -> list[Release]:
    return [draft(i) for i in range(size)]


_LONG_LINK = (
    "https://www.economie.gouv.fr/plan-de-relance/mesures/"
    "industrie-manufacturiere-accompagnement-des-territoires-d-industrie"
)
_TYPOGRAPHY = (
    "M. Dupont et Mme Pannier-Runacher ont annoncé le 14 juillet, puis le 1er avril, que "
    "France Relance soutiendra 10000 habitants depuis 2021 300 communes, soit 3,5% du total "
    "et 400 M€ au XXIe siècle ; voir l'art. 3, p. 12 et le n° 350. "
)


def stress_drafts() -> list[Release]:
    """Drafts built for the line-breaking policy: long link texts, long addresses with their own
    hyphens, e-mail addresses in contact lines, proper nouns and the spacing rules, at several
    places on a line."""
    base = load_draft(SEED)
    drafts = []
    for shift in range(4):
        lead = " ".join(_WORDS[: 3 + shift * 4])
        body: list[Paragraph | BulletList] = []
        for i in range(6):
            body.append(
                Paragraph(
                    (
                        Run(f"{lead.capitalize()} {_TYPOGRAPHY}" * (1 + i % 2)),
                        Run("Le document est sur "),
                        Run(
                            "le dossier complet du plan de relance de l’industrie", link=_LONG_LINK
                        ),
                        Run(f" et à {_LONG_LINK} ou www.demarches-simplifiees.fr/commencer/x. "),
                        Run(
                            f"Écrire à presse{shift}@cabinet.economie.gouv.fr ou à {ADDRESSES[0]}."
                        ),
                    )
                )
            )
            if i == 2:
                body.append(BulletList(((Run(_TYPOGRAPHY),), (Run(f"{lead} {ADDRESSES[3]}"),))))
        contacts = tuple(
            Contact(f"Cabinet de M. Dupont {lead[: 4 * j]}", "01 44 49 89 40", address)
            for j, address in enumerate(
                (f"presse{shift}@cabinet.economie.gouv.fr", ADDRESSES[0], ADDRESSES[1])
            )
        )
        drafts.append(
            replace(
                base,
                headline=f"France Relance : le 1er avril, {lead} pour 10000 habitants",
                body=tuple(body),
                contacts=contacts,
                date=date(2021, 4, 1),
            )
        )
    return drafts
