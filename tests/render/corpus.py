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
