"""A rough Flesch-Kincaid grade, enough to keep the wording plain (spec: grade 6-8).

The syllable count is a heuristic (vowel groups); medicine names count as they sound.
"""

import re


def syllables(word: str) -> int:
    word = re.sub(r"[^a-z]", "", word.lower())
    if not word:
        return 0
    word = re.sub(r"(?:[^laeiouy]es|ed|[^laeiouy]e)$", "", word)
    word = re.sub(r"^y", "", word)
    return max(1, len(re.findall(r"[aeiouy]{1,2}", word)))


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.?!])\s+", text.strip()) if s]


def grade(texts: list[str]) -> float:
    """The Flesch-Kincaid grade of these texts read as one passage."""
    split = [s for text in texts for s in sentences(text)]
    words = [w for s in split for w in s.split()]
    return 0.39 * len(words) / len(split) + 11.8 * sum(map(syllables, words)) / len(words) - 15.59
