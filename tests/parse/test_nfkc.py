"""`numbers.nfkc` is `unicodedata.normalize("NFKC", …)`: on every character alone, and on random
texts of full-width forms, digits, ideographs, combining marks and compatibility characters."""

from __future__ import annotations

import random
import sys
import unicodedata

from pipelines.parse.numbers import nfkc


def test_every_character():
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        assert nfkc(char) == unicodedata.normalize("NFKC", char), hex(code)


ALPHABET = [*"（），：．；－＋／０１２３４５６７８９\u3000 ab1.,(其他年件①¹ｶﾞ", "\u0301", "\u0308", "\u3099",
            "\uff9e", "e", "\u1100", "\u1161", "\u11a8", "\uac00", "Å", "ﬁ", "㍿", "\u0345", "\u0316"]


def test_random_texts():
    rng = random.Random(5)
    for _ in range(50_000):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 10)))
        assert nfkc(text) == unicodedata.normalize("NFKC", text), ascii(text)
