"""Reading the narrative parts: quantities (`numbers`), sentences with their source
lines (`prose`), and what each number says about the tables (`claims`)."""

from .claims import Claim, Subject, claims_in, subject_of
from .numbers import Quantity, chinese_to_int, quantities
from .prose import Sentence, all_sentences, sentences


def report_claims(report, sections: tuple[str, ...] = ("1", "5", "6")) -> list[Claim]:
    return [c for s in all_sentences(report, sections) for c in claims_in(s, report.year)]


__all__ = ["Claim", "Quantity", "Sentence", "Subject", "all_sentences", "chinese_to_int",
           "claims_in", "quantities", "report_claims", "sentences", "subject_of"]
