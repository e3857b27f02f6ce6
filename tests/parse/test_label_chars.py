"""The characters `numbers._head` reads as a label at once: none of them is, or becomes under NFKC,
a digit, a blank or a footnote mark, so that `_tokenize_text` reads a text of them as that label."""

import re
import unicodedata

from pipelines.parse.numbers import _MARK_CHARS, LABEL_CHARS, _head, _tokenize_text


def test_no_label_character_is_or_becomes_a_digit_a_blank_or_a_mark():
    one = re.compile(f"[{LABEL_CHARS}]")
    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF and one.fullmatch(chr(c))]
    assert len(chars) > 20_000
    for c in chars:
        normal = unicodedata.normalize("NFKC", c)
        assert normal and not any(x.isspace() or x.isdigit() or x.isdecimal() for x in normal), c
        assert not re.search(r"\d|\s", normal) and not _MARK_CHARS.search(c), c


def test_labels_read_at_once_as_the_tokenizer_reads_them():
    for text in ("行政许可", " 行政许可\u3000", "（一）予以公开", "其他对外管理服务事项", "-", "—", "/", "空", "无",
                 "abc", "第二十条第（一）项", "结果维持！", "l5", "ＡＢＣ", "《条例》", "2.重复申请", "3、其他", "2.",
                 "1.5", "２．其他", "2.其他3"):
        parts = _tokenize_text(text)
        if len(parts) > 1:
            assert _head(text) == list(parts), text
        else:
            kind, t, raw, *_ = parts[0]
            assert _head(text) == (kind, t, text if raw is None else raw, *parts[0][3:6]), text


def test_a_label_is_told_as_the_pattern_of_labels_tells_it():
    """`_head`'s test of a one-word label (its characters, or a digit and a point before them) reads as
    the regex of such labels."""
    import random

    from pipelines.parse.numbers import _LABEL_NUMBERS, _NOT_LABEL_CHAR

    label = re.compile(f"[1-9１-９][.、．][{LABEL_CHARS}]*|[{LABEL_CHARS}]+")
    rng = random.Random(6)
    alphabet = [*"12０９５.、．。其他aZ!~ 0\t（）·", "\u3000"]
    for _ in range(50_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 6)))
        other = _NOT_LABEL_CHAR.search(text)
        told = other is None or (other.start() == 0 and len(text) > 1 and text[0] in _LABEL_NUMBERS
                                 and text[1] in ".、．" and _NOT_LABEL_CHAR.search(text, 2) is None)
        assert told == (label.fullmatch(text) is not None), text
