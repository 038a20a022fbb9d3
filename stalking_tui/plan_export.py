"""Write a plan or case document to an unencrypted file: Markdown, plain text or PDF.

The caller has warned the user that the file is not encrypted and records the export in the
access log; this module only writes bytes.
"""

from pathlib import Path

import platformdirs
from fpdf import FPDF

from .domain.plan_document import Document, case_summary, plan_document, to_markdown, to_plain_text

FORMATS = ("md", "txt", "pdf")

# The PDF core font (Helvetica) covers Latin-1 only; these symbols get a Latin-1 stand-in.
PDF_REPLACEMENTS = str.maketrans({
    "—": "-", "–": "-", "…": "...", "→": "->", "“": '"', "”": '"', "‘": "'", "’": "'", "·": "|",
})


def write_document(document: Document, path: Path, file_format: str) -> Path:
    """Write `document` to `path` in `file_format` ("md", "txt" or "pdf") and return the path."""
    if file_format not in FORMATS:
        raise ValueError(f"unknown export format {file_format!r}; expected one of {FORMATS}")
    if file_format == "pdf":
        data = pdf_bytes(document)
    elif file_format == "md":
        data = to_markdown(document).encode("utf-8")
    else:
        data = to_plain_text(document).encode("utf-8")
    path.write_bytes(data)
    return path


def pdf_bytes(document: Document) -> bytes:
    """Return `document` as an A4 PDF with the same headings and lines as the Markdown."""
    pdf = FPDF(format="A4")
    pdf.set_title(_latin1(document.title))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()

    pdf.set_font("Helvetica", style="B", size=16)
    pdf.multi_cell(0, 8, _latin1(document.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", style="I", size=10)
    pdf.multi_cell(0, 6, _latin1(document.subtitle), new_x="LMARGIN", new_y="NEXT")

    for section in document.sections:
        pdf.ln(3)
        pdf.set_font("Helvetica", style="B", size=12)
        pdf.multi_cell(0, 7, _latin1(section.heading), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=10)
        for line in section.lines:
            pdf.multi_cell(0, 5, _latin1("- " + " ".join(line.split())), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _latin1(text: str) -> str:
    # NOTE: characters outside Latin-1 (e.g. Polish or Turkish letters in names) print as "?";
    # embedding a Unicode TTF font would fix that but needs a font file shipped with the package.
    return text.translate(PDF_REPLACEMENTS).encode("latin-1", "replace").decode("latin-1")


def export_directory() -> Path:
    """Return the folder the export dialog proposes: the user's documents folder, else home."""
    documents = Path(platformdirs.user_documents_dir())
    return documents if documents.is_dir() else Path.home()


def export_case_document(store, case_id: str, request) -> Path:
    """Build the requested document from the store, write it, and log the print or export.

    Runs in a store worker. The access-log detail holds the document kind, format and plan
    version only: the path may contain a name, so it stays out of the log.
    """
    state = store.get_case(case_id)
    events = store.timeline(case_id)
    plan_events = [event for event in events if event.kind == "plan.saved"]
    if request.document == "plan":
        document = plan_document(state, plan_events)
    else:
        document = case_summary(state, events)

    path = write_document(document, request.path, request.file_format)
    version = plan_events[-1].payload["version"] if plan_events else 0
    store.log_access(request.purpose, case_id, f"{request.document} {request.file_format}, plan version {version}")
    return path
