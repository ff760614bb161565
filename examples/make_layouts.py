"""PDF layouts as users have them, generated for tests and ``bench/extraction.py`` (needs fpdf2).

Each builder writes one PDF and returns its path; the article text is module data so a test can
check what comes back against what went in:

- :func:`two_column` — a newsletter page set in two columns under a full-width title (or several pages);
- :func:`three_column` — a landscape page in three columns;
- :func:`long_report` — an 8-page report with a running header, a running footer and page numbers;
- :func:`browser_print` — a page printed from a browser: date/time and page title at the top,
  URL and "1/2" at the foot, a plain date line under the headline;
- :func:`with_metadata` — a short article whose info dictionary holds chosen author, title and
  creation date (placeholders such as "(anonymous)" or a real byline), with or without a byline
  or date line on the page.

Run ``.venv/bin/python examples/make_layouts.py DIR`` to write all of them into DIR.
"""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from pathlib import Path

#: Two-column newsletter: every sentence must come back whole and in this order.
COLUMN_TITLE = "Ministers meet as river treaty talks resume"
COLUMN_PARAGRAPHS: tuple[str, ...] = (
    "Water ministers from Egypt, Sudan and Ethiopia met in Kinshasa on Sunday to resume talks on the "
    "filling of the dam on the Blue Nile. The meeting was the first in three months.",
    "Egypt's minister said his government wanted a binding agreement on how the reservoir would be "
    "filled during droughts. He accused Ethiopia of acting alone and of ignoring the interests of "
    "the downstream countries.",
    "Ethiopia rejected the charge. Its delegation said the dam would generate electricity for "
    "millions of households and would not reduce the flow of water to its neighbours.",
    "Sudan asked the African Union to mediate between the two sides. Sudanese officials said a "
    "failure to agree would endanger dams and farms along the river.",
    "The African Union chairman praised the three delegations for returning to the table. He urged "
    "them to settle their differences before the rainy season begins in July.",
    "Diplomats said the talks would continue on Monday. They expected the ministers to issue a "
    "joint statement at the end of the round.",
)

#: The long report: eight pages of this text, furniture on every page.
REPORT_TITLE = "Annual review of regional security cooperation"
REPORT_HEADER = "Regional Security Monitor | Annual Review 2023"
REPORT_FOOTER = "Prepared by the Institute for Regional Studies. Not for citation without permission."
REPORT_PARAGRAPHS: tuple[str, ...] = (
    "The past year brought more meetings between defence ministers of the region than any year "
    "since the institute began its reviews. Most of them ended with statements of intent rather "
    "than signed agreements.",
    "In January the governments of Kenya and Tanzania agreed to hold joint patrols on Lake "
    "Victoria. Both navies said the patrols would target smugglers and illegal fishing fleets.",
    "Uganda protested against the arrangement, saying it had not been consulted. Its foreign "
    "ministry summoned the Kenyan envoy in Kampala and asked for an explanation.",
    "In March the foreign ministers of Rwanda and Burundi met for the first time in four years. "
    "They discussed the reopening of their common border and the return of refugees.",
    "The talks ended without a deal. Burundi accused Rwanda of sheltering armed opponents of its "
    "government, a charge that Rwandan officials denied.",
    "Ethiopia and Somalia exchanged accusations through much of the spring. Somalia recalled its "
    "ambassador from Addis Ababa after Ethiopia signed a port agreement with Somaliland.",
    "The African Union offered to mediate, and Turkey hosted two rounds of indirect talks between "
    "the two governments in Ankara during the summer.",
    "In June the East African Community held its summit in Arusha. The heads of state approved a "
    "plan to deploy a regional force to the eastern Democratic Republic of the Congo.",
    "The Congolese government later asked the force to leave, saying it had failed to confront "
    "the rebels. The regional force withdrew its last troops in December.",
    "South Sudan and Sudan signed an agreement on oil transit fees in August. The deal allowed "
    "South Sudan to resume exports through the pipeline to Port Sudan.",
    "Fighting in Sudan between the army and a paramilitary force continued throughout the year. "
    "Aid agencies said millions of people had fled their homes.",
    "The United States and Saudi Arabia led several rounds of talks between the two Sudanese "
    "sides in Jeddah. Both sides promised to protect civilians but the fighting did not stop.",
    "Egypt hosted a summit of Sudan's neighbours in July. The leaders called for a ceasefire and "
    "for the delivery of humanitarian aid across the front lines.",
    "Kenya offered to send police officers to Haiti to lead a multinational security mission. "
    "The United Nations Security Council authorised the mission in October.",
    "A Kenyan court later blocked the deployment, ruling that the government had acted without "
    "the legal basis required for sending police abroad.",
    "Tanzania and Mozambique extended their cooperation against insurgents in Cabo Delgado. "
    "Rwandan troops remained in the province at the request of the Mozambican government.",
    "The European Union pledged new funding for the African Union mission in Somalia. It warned "
    "that its support would depend on progress in handing security over to Somali forces.",
    "Somali forces launched an offensive against al-Shabaab in the centre of the country. The "
    "government said it had retaken dozens of towns, though some were lost again later.",
    "Eritrea rejoined the regional body IGAD after an absence of more than a decade. Its "
    "president attended the organisation's summit in Djibouti in June.",
    "Djibouti and Ethiopia agreed to build a second water pipeline between the two countries. "
    "Officials said the work would begin next year.",
    "The institute expects the coming year to test the region's new arrangements. Several "
    "mediation efforts depend on the willingness of outside powers to stay engaged.",
    "Our researchers will publish quarterly updates on the main disputes. Readers can find the "
    "data behind this review on the institute's website.",
)

#: A browser-printed news page.
BROWSER_TITLE = "Leaders pledge to restore ambassadors after months of tension"
BROWSER_URL = "https://www.worlddesk.example.com/news/2021/06/15/leaders-pledge-ambassadors"
BROWSER_DATE_LINE = "Published 15 June 2021 10:32 BST"
BROWSER_PARAGRAPHS: tuple[str, ...] = (
    "The leaders of Israel and Turkey agreed on Tuesday to restore their ambassadors, ending a "
    "diplomatic freeze that began three years ago.",
    "The Turkish president spoke by telephone with the Israeli prime minister and thanked him for "
    "hosting the summit on June 16, officials in Ankara said.",
    "Both governments said the return of ambassadors would help trade and tourism between the two "
    "countries.",
)

#: A short article for the metadata cases.
META_TITLE = "Coalition partners sign agreement on energy prices"
META_PARAGRAPHS: tuple[str, ...] = (
    "Germany and France signed an agreement on Thursday to coordinate their support for energy "
    "prices during the winter.",
    "The two governments said the agreement would protect households and industry from sudden "
    "increases in the cost of gas and electricity.",
    "Poland criticized the agreement, saying it had been excluded from the negotiations.",
)


def _pdf(fmt=(148, 210)):
    from fpdf import FPDF

    pdf = FPDF(format=fmt, unit="mm")
    pdf.set_creation_date(datetime(2024, 1, 5, 9, 0, tzinfo=timezone.utc))  # reproducible bytes
    pdf.set_auto_page_break(False)
    return pdf


def _wrap(pdf, text: str, width: float) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if pdf.get_string_width(candidate) <= width:
            line = candidate
        else:
            lines.append(line)
            line = word
    return lines + ([line] if line else [])


def two_column(path: str | Path, paragraphs: tuple[str, ...] = COLUMN_PARAGRAPHS, title: str = COLUMN_TITLE,
               column_lines: int | None = None) -> Path:
    """A full-width title, then the paragraphs in two columns (left filled first), over as many pages
    as needed (``column_lines`` lines a column; by default one page, the columns balanced at a
    paragraph break). Later pages carry a running header and every page a centred page number."""
    pdf = _pdf((210, 297))
    pdf.set_font("Helvetica", "", 10.5)
    col_w, gap, line_h = 85, 10, 5
    lines: list[str | None] = []
    for para in paragraphs:
        lines.extend(_wrap(pdf, para, col_w))
        lines.append(None)  # paragraph gap
    if column_lines is None:
        half = (len(lines) + 1) // 2
        while lines[half - 1] is not None and half < len(lines):  # break the column between paragraphs
            half += 1
        columns = [lines[:half], lines[half:]]
    else:
        columns = [lines[i:i + column_lines] for i in range(0, len(lines), column_lines)]
    pages = [columns[i:i + 2] for i in range(0, len(columns), 2)]
    for number, page in enumerate(pages, 1):
        pdf.add_page()
        top = 32
        if number == 1:
            pdf.set_font("Helvetica", "B", 18)
            pdf.set_xy(15, 15)
            pdf.cell(0, 9, title)
        else:
            pdf.set_font("Helvetica", "", 8)
            pdf.set_xy(15, 10)
            pdf.cell(0, 4, f"River Basin Bulletin | {title}")
            top = 22
        pdf.set_font("Helvetica", "", 8)
        pdf.set_xy(0, 285)
        pdf.cell(210, 4, str(number), align="C")
        pdf.set_font("Helvetica", "", 10.5)
        for col, chunk in enumerate(page):
            y = top
            for line in chunk:
                if line is not None:
                    pdf.set_xy(15 + col * (col_w + gap), y)
                    pdf.cell(col_w, line_h, line)
                y += line_h if line is not None else line_h * 0.8
    out = Path(path)
    pdf.output(str(out))
    return out


def three_column(path: str | Path, paragraphs: tuple[str, ...] = REPORT_PARAGRAPHS[:9]) -> Path:
    """One landscape page with three columns of three paragraphs each, read left to right."""
    pdf = _pdf((297, 210))
    pdf.add_page()
    pdf.set_font("Helvetica", "", 10)
    per = -(-len(paragraphs) // 3)
    for c in range(3):
        y = 15
        for para in paragraphs[per * c:per * c + per]:
            for line in _wrap(pdf, para, 80):
                pdf.set_xy(12 + c * 95, y)
                pdf.cell(80, 5, line)
                y += 5
            y += 3
    out = Path(path)
    pdf.output(str(out))
    return out


def long_report(path: str | Path, pages: int = 8) -> Path:
    """``pages`` pages (A6): running header, running footer and "Page N" on each; text flows across."""
    pdf = _pdf((105, 148))
    pdf.set_title(REPORT_TITLE)
    pdf.set_author("Institute for Regional Studies")
    body_lines: list[str | None] = []
    pdf.set_font("Helvetica", "", 10)
    for para in REPORT_PARAGRAPHS:
        body_lines.extend(_wrap(pdf, para, 105 - 24))
        body_lines.append(None)
    per_page = -(-len(body_lines) // pages)
    line_h = min(4.6, (148 - 40) / per_page)
    for number in range(1, pages + 1):
        pdf.add_page()
        pdf.set_font("Helvetica", "", 7)
        pdf.set_xy(12, 6)
        pdf.cell(0, 4, REPORT_HEADER)
        pdf.set_xy(12, 136)
        pdf.cell(0, 3.5, REPORT_FOOTER)
        pdf.set_xy(12, 140)
        pdf.cell(105 - 24, 3.5, f"Page {number}", align="C")
        y = 16
        if number == 1:
            pdf.set_font("Helvetica", "B", 13)
            pdf.set_xy(12, y)
            pdf.cell(0, 6, REPORT_TITLE)
            y += 10
        pdf.set_font("Helvetica", "", 10)
        chunk = body_lines[(number - 1) * per_page:number * per_page]
        for line in chunk:
            if line is not None:
                pdf.set_xy(12, y)
                pdf.cell(0, line_h, line)
            y += line_h if line is not None else line_h * 0.6
    out = Path(path)
    pdf.output(str(out))
    return out


def browser_print(path: str | Path) -> Path:
    """Two pages as a browser prints a news page (Letter size, print header and footer)."""
    pdf = _pdf((216, 279))
    paragraphs = BROWSER_PARAGRAPHS
    for number in (1, 2):
        pdf.add_page()
        pdf.set_font("Helvetica", "", 8)
        pdf.set_xy(8, 5)
        pdf.cell(60, 4, "6/15/21, 11:04 AM")
        pdf.set_xy(80, 5)
        pdf.cell(0, 4, f"{BROWSER_TITLE} - World Desk")
        pdf.set_xy(8, 270)
        pdf.cell(150, 4, BROWSER_URL)
        pdf.set_xy(190, 270)
        pdf.cell(0, 4, f"{number}/2")
        y = 20
        pdf.set_font("Helvetica", "", 11)
        if number == 1:
            pdf.set_font("Helvetica", "B", 20)
            for line in _wrap(pdf, BROWSER_TITLE, 180):
                pdf.set_xy(18, y)
                pdf.cell(0, 9, line)
                y += 9
            pdf.set_font("Helvetica", "", 9)
            pdf.set_xy(18, y + 2)
            pdf.cell(0, 5, BROWSER_DATE_LINE)
            y += 12
            chunk = paragraphs[:2]
        else:
            chunk = paragraphs[2:]
        pdf.set_font("Helvetica", "", 11)
        for para in chunk:
            for line in _wrap(pdf, para, 180):
                pdf.set_xy(18, y)
                pdf.cell(0, 5.5, line)
                y += 5.5
            y += 4
    out = Path(path)
    pdf.output(str(out))
    return out


def with_metadata(
    path: str | Path,
    *,
    author: str | None,
    title: str | None,
    created: datetime | None,
    header: str | None = None,
    date_line: str | None = None,
    creator: str | None = None,
) -> Path:
    """Three pages with the given info dictionary; ``header`` runs on every page, ``date_line`` under the title."""
    pdf = _pdf()
    if created is not None:
        pdf.set_creation_date(created)
    if author is not None:
        pdf.set_author(author)
    if title is not None:
        pdf.set_title(title)
    if creator is not None:
        pdf.set_creator(creator)
    for number, para in enumerate(META_PARAGRAPHS, 1):
        pdf.add_page()
        if header:
            pdf.set_font("Helvetica", "", 8)
            pdf.set_xy(14, 8)
            pdf.cell(0, 4, header)
        y = 20
        if number == 1:
            pdf.set_font("Helvetica", "B", 15)
            pdf.set_xy(14, y)
            pdf.cell(0, 7, META_TITLE)
            y += 10
            if date_line:
                pdf.set_font("Helvetica", "", 10)
                pdf.set_xy(14, y)
                pdf.cell(0, 5, date_line)
                y += 9
        pdf.set_font("Helvetica", "", 11)
        for line in _wrap(pdf, para, 120):
            pdf.set_xy(14, y)
            pdf.cell(0, 5.5, line)
            y += 5.5
    out = Path(path)
    pdf.output(str(out))
    return out


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    for made in (
        two_column(folder / "two_column.pdf"),
        long_report(folder / "long_report.pdf"),
        browser_print(folder / "browser_print.pdf"),
        with_metadata(folder / "placeholder_meta.pdf", author="(anonymous)", title="(anonymous)",
                      created=datetime(2024, 5, 20, 14, 0, tzinfo=timezone.utc),
                      header="Written by D. Michael DeRidder on May 16, 2024"),
    ):
        print(f"wrote {made}")
