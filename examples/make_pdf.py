"""Build examples/ministers_report.pdf: a three-page article with page furniture.

The PDF exercises the PDF reader: a running header (publication + title), a footer with a
"Written by ... on ..." line, the article URL and "Page N of M" on every page, paragraphs that
wrap across lines and pages, words hyphenated at line ends (soft hyphens, U+00AD, in the source
text mark where a word may break) and an indented block quote. ``make_pdf`` takes parameters so
tests can build variants (other text, encryption) into a temporary folder.

Run: ``.venv/bin/python examples/make_pdf.py`` (needs fpdf2, a dev dependency).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

SHY = "\u00ad"

PUBLICATION = "The Pacific Ledger"
TITLE = "Allies and rivals: a month of ministerial diplomacy"
AUTHOR = "Kenji Hartley"
DATE_TEXT = "November 4, 2024"
URL = "https://pacificledger.example.com/2024/11/ministers-report"


#: Where words may break at a line end (the layout adds the hyphen).
BREAKS = {
    "cooperation": "co|op|er|a|tion",
    "technology": "tech|nol|ogy",
    "governments": "gov|ern|ments",
    "substantive": "sub|stan|tive",
    "unprecedented": "un|prec|e|dent|ed",
    "programmes": "pro|grammes",
    "archipelago": "archi|pel|ago",
    "structures": "struc|tures",
    "researcher": "re|search|er",
    "reaffirming": "re|af|firm|ing",
    "reaffirmed": "re|af|firmed",
    "deterrence": "de|ter|rence",
    "industrial": "in|dus|trial",
    "ambassador": "am|bas|sa|dor",
    "espionage": "es|pi|o|nage",
    "diplomatic": "dip|lo|mat|ic",
    "ministerial": "min|is|te|ri|al",
    "transferring": "trans|fer|ring",
    "resolutions": "res|o|lu|tions",
    "appointed": "ap|point|ed",
    "practical": "prac|ti|cal",
    "components": "com|po|nents",
    "conveyed": "con|veyed",
    "integrate": "in|te|grate",
    "announce": "an|nounce",
    "ballistic": "bal|lis|tic",
    "concerns": "con|cerns",
}


def hyphenate(text: str, breaks: dict[str, str] = BREAKS) -> str:
    """Mark the break points of known words with soft hyphens."""

    def mark(m: "re.Match[str]") -> str:
        word = m.group(0)
        pattern = breaks.get(word.lower())
        if pattern is None or pattern.replace("|", "") != word.lower():
            return word
        out, i = [], 0
        for piece in pattern.split("|"):
            out.append(word[i : i + len(piece)])
            i += len(piece)
        return SHY.join(out)

    return re.sub(r"[A-Za-z]+", mark, text)


@dataclass(frozen=True)
class Para:
    text: str
    quote: bool = False


PARAGRAPHS: tuple[Para, ...] = (
    Para(
        "TOKYO, Nov 4 - The leaders of the United States and Japan and the defence ministers of "
        "Russia and China spent the past month reaffirming their alliances, and the contrast between "
        "the two pairs has rarely looked so stark to officials in the region."
    ),
    Para(
        "On October 2, President Joe Biden spoke by phone with Japan's new Prime Minister Shigeru "
        "Ishiba, a day after Ishiba took office. According to the White House, the two leaders "
        "reaffirmed that the alliance remained the cornerstone of peace and security in the "
        "Indo-Pacific and agreed to deepen cooperation on defence industrial production, "
        "supply chains and technology. Biden invited Ishiba to visit Washington, and the "
        "Japanese side said the prime minister hoped to meet the president in person before the "
        "end of the year."
    ),
    Para(
        "Ishiba told reporters in Tokyo that the call had been warm and substantive. \"We "
        "confirmed that Japan and the United States will work closely together to strengthen "
        "deterrence,\" he said. Japanese officials said the two leaders also condemned North "
        "Korea's recent ballistic missile launches and called on Pyongyang to abandon its nuclear "
        "and missile programmes."
    ),
    Para(
        "A month later the focus shifted to Beijing, where Russian Defence Minister Andrei "
        "Belousov held talks with his Chinese counterpart Dong Jun on Friday. It was Belousov's "
        "first visit to China since he was appointed in May. The two ministers agreed to expand "
        "joint military exercises and to hold more joint naval and air patrols over the Sea of "
        "Japan and the East China Sea, according to a statement from the Chinese defence "
        "ministry. Dong said military ties between the two countries had reached an "
        "unprecedented level of mutual trust."
    ),
    Para("Belousov described the relationship in expansive terms at the opening of the talks, saying:"),
    Para(
        "\"Our armed forces are ready to deepen practical cooperation in every area, and we will "
        "jointly oppose attempts by the United States and its allies to contain our two countries.\"",
        quote=True,
    ),
    Para(
        "The Russian side also briefed Chinese officials on the situation in Ukraine. The Chinese "
        "defence ministry said Beijing was not a party to the conflict and that its cooperation "
        "with Moscow was not aimed at any third country. Western governments have accused "
        "Chinese companies of supplying drone engines and other dual-use components to Russian "
        "arms makers, a charge Beijing rejects."
    ),
    Para(
        "In Tokyo, Chief Cabinet Secretary Yoshimasa Hayashi said Japan was watching the "
        "growing military cooperation between Moscow and Beijing with serious concern. He said "
        "joint bomber flights near the Japanese archipelago were clearly intended as a show of "
        "force against Japan, and that Tokyo had conveyed its concerns to both governments through "
        "diplomatic channels."
    ),
    Para(
        "Analysts said the month showed two blocs hardening in Northeast Asia. \"Each "
        "meeting on one side is read as a message to the other,\" said Mariko Sato, a security "
        "researcher at a Tokyo university. She said Washington and Tokyo were likely to announce "
        "further steps to integrate their military command structures early next year."
    ),
    Para(
        "Officials in Seoul also voiced concern. South Korea's foreign ministry summoned the "
        "Russian ambassador last week to protest against military cooperation between Moscow and "
        "Pyongyang, and urged Russia to stop transferring military technology to North Korea. "
        "The ministry said any such transfers would violate resolutions of the United Nations "
        "Security Council."
    ),
    Para(
        "Ishiba is expected to meet Chinese President Xi Jinping on the sidelines of the "
        "Asia-Pacific Economic Cooperation summit in Peru later this month, Japanese officials "
        "said, in what would be the first meeting between the two leaders. Tokyo wants Beijing "
        "to lift its ban on imports of Japanese seafood and to release Japanese citizens detained "
        "in China on espionage charges."
    ),
)


def _wrap(pdf, text: str, width: float) -> list[str]:
    """Greedy line wrapping; a word may break at a soft hyphen (rendered as '-') or after a hyphen."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = (line + " " + word) if line else word
        if pdf.get_string_width(candidate.replace(SHY, "")) <= width:
            line = candidate
            continue
        pieces = re.sub(r"(?<=[A-Za-z])-(?=[A-Za-z])", "-" + SHY, word).split(SHY)
        split_done = False
        for cut in range(len(pieces) - 1, 0, -1):
            head = "".join(pieces[:cut])
            head = head if head.endswith("-") else head + "-"
            trial = (line + " " + head) if line else head
            if pdf.get_string_width(trial.replace(SHY, "")) <= width:
                lines.append(trial.replace(SHY, ""))
                line = SHY.join(pieces[cut:])
                split_done = True
                break
        if not split_done:
            if line:
                lines.append(line.replace(SHY, ""))
            line = word
    if line:
        lines.append(line.replace(SHY, ""))
    return lines


def make_pdf(
    path: str | Path,
    *,
    paragraphs: tuple[Para, ...] = PARAGRAPHS,
    publication: str = PUBLICATION,
    title: str = TITLE,
    author: str = AUTHOR,
    date_text: str = DATE_TEXT,
    url: str = URL,
    user_password: str | None = None,
    owner_password: str | None = None,
    font_size: float = 12,
) -> Path:
    """Write the article to ``path`` and return it.

    ``user_password`` encrypts the file so it cannot be opened without it; ``owner_password`` alone
    encrypts it with an empty user password (readable, with restricted permissions).
    """
    from fpdf import FPDF

    footer_lines = (f"Written by {author} on {date_text}", url)

    class Article(FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", "", 7.5)
            self.set_xy(self.l_margin, 8)
            self.cell(0, 4, f"{publication}  |  {title}", align="L")
            self.line(self.l_margin, 13, self.w - self.r_margin, 13)

        def footer(self) -> None:
            self.set_font("Helvetica", "", 7.5)
            self.line(self.l_margin, self.h - 20, self.w - self.r_margin, self.h - 20)
            self.set_xy(self.l_margin, self.h - 18.5)
            for text in footer_lines:
                self.cell(0, 3.6, text, align="L", new_x="LMARGIN", new_y="NEXT")
            self.cell(0, 3.6, f"Page {self.page_no()} of {{nb}}", align="R")

    pdf = Article(format=(148, 210), unit="mm")
    pdf.set_creation_date(datetime(2024, 11, 4, 9, 0, tzinfo=timezone.utc))  # reproducible bytes
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_margins(16, 18, 16)
    pdf.set_auto_page_break(False)
    if user_password is not None or owner_password is not None:
        pdf.set_encryption(owner_password=owner_password or f"{user_password}-owner", user_password=user_password or "")
    pdf.add_page()
    bottom = pdf.h - 24
    line_h = font_size * 0.45

    pdf.set_font("Helvetica", "B", 14)
    for line in _wrap(pdf, title, pdf.epw):
        pdf.set_x(pdf.l_margin)
        pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)

    for para in paragraphs:
        indent = 10 if para.quote else 0
        pdf.set_font("Helvetica", "I" if para.quote else "", font_size)
        for line in _wrap(pdf, hyphenate(para.text), pdf.epw - 2 * indent):
            if pdf.get_y() + line_h > bottom:
                pdf.add_page()
                pdf.set_y(pdf.t_margin)
                pdf.set_font("Helvetica", "I" if para.quote else "", font_size)
            pdf.set_x(pdf.l_margin + indent)
            pdf.cell(0, line_h, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(line_h * 0.8)
    out = Path(path)
    pdf.output(str(out))
    return out


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("ministers_report.pdf")
    made = make_pdf(target)
    print(f"wrote {made} ({made.stat().st_size} bytes)")
