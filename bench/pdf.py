"""A 20-page protocol in Kazakh rendered through the application (template, context queries, WeasyPrint)
against WeasyPrint rendering the same HTML string directly; and the peak memory of each render, each in
a process of its own."""

import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KAZAKH = "Әділет, ғылым, қоғам, ұйым, үкімет, өңір, һәм, іс: заңдылық пен құқықтық тәртіпті қамтамасыз ету. "


def make_protocol(pages=20):
    """A signed-looking protocol of a held republic meeting with enough questions and decisions to fill
    about ``pages`` A4 pages."""
    from council.models import Body, User
    from protocols.models import Decision, DecisionExecutor, Protocol, ProtocolItem
    from secretariat.models import Meeting

    meeting = Meeting.objects.filter(council__code="republic", status="held").order_by("-date").first()
    Protocol.objects.filter(meeting=meeting, corrects__isnull=False).delete()
    protocol = Protocol.objects.create(
        meeting=meeting,
        council=meeting.council,
        corrects=Protocol.objects.filter(meeting=meeting, corrects__isnull=True).first(),
        created_by=User.objects.get(username="secretary"),
        created_at=meeting.held_at or meeting.created_at,
    )
    bodies = list(Body.objects.filter(code__in=["mvd", "gpo", "knb", "mju"]))
    for n in range(1, 3 * pages // 2 + 1):
        item = ProtocolItem.objects.create(
            protocol=protocol,
            number=n,
            question_kk=f"{n}-мәселе. " + KAZAKH,
            question_ru=f"Вопрос {n}",
            heard_kk=KAZAKH * 3,
            heard_ru="",
        )
        for d in range(1, 4):
            decision = Decision.objects.create(
                item=item,
                number=d,
                text_kk=KAZAKH * 2,
                text_ru="",
                due_date=meeting.date,
                votes_for=7,
                votes_against=0,
                abstained=0,
                adopted=True,
            )
            DecisionExecutor.objects.bulk_create(
                DecisionExecutor(decision=decision, body=b, order=i) for i, b in enumerate(bodies[:2], start=1)
            )
    return protocol


def _child(args):
    """The peak resident memory (MiB) of a fresh process that renders once. Read as VmHWM inside the child:
    the rusage of a child started from a large parent can report the parent's peak instead of its own."""
    out = subprocess.run(
        [sys.executable, "-m", "bench.pdf", *args], cwd=ROOT, env=os.environ.copy(), capture_output=True, text=True
    )
    if out.returncode != 0:
        raise RuntimeError(f"render child failed: {args}: {out.stderr[-500:]}")
    return int(out.stdout.strip().splitlines()[-1]) / 1024


def _peak_kib():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def run(*, repeats):
    from pypdf import PdfReader
    from weasyprint import HTML

    from council.pdf import render_html, render_pdf
    from protocols.services import protocol_context

    protocol = make_protocol()
    context = protocol_context(protocol)
    html = render_html("pdf/protocol.html", context, lang="kk")
    pages = len(PdfReader(io.BytesIO(render_pdf("pdf/protocol.html", context, lang="kk"))).pages)
    app, plain = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        render_pdf("pdf/protocol.html", protocol_context(protocol), lang="kk")
        app.append(time.perf_counter() - start)
        start = time.perf_counter()
        HTML(string=html, base_url=str(ROOT)).write_pdf()
        plain.append(time.perf_counter() - start)
    with tempfile.NamedTemporaryFile("w", suffix=".html", delete=False, encoding="utf-8") as f:
        f.write(html)
    try:
        app_mem = _child(["app", str(protocol.pk)])
        plain_mem = _child(["plain", f.name])
    finally:
        os.unlink(f.name)
    base = statistics.median(plain)
    return [
        {
            "name": f"PDF: WeasyPrint on the HTML ({pages} pages, kk)",
            "median_s": base,
            "ratio": 1.0,
            "target": "baseline",
            "peak_rss_mib": plain_mem,
        },
        {
            "name": f"PDF: through the application ({pages} pages, kk)",
            "median_s": statistics.median(app),
            "ratio": statistics.median(app) / base,
            "target": "<= 1.3",
            "met": statistics.median(app) / base <= 1.3,
            "peak_rss_mib": app_mem,
        },
    ]


if __name__ == "__main__":  # a render in a process of its own, for its peak memory
    what, arg = sys.argv[1], sys.argv[2]
    if what == "plain":
        from weasyprint import HTML

        HTML(string=Path(arg).read_text(encoding="utf-8"), base_url=str(ROOT)).write_pdf()
    else:
        from bench.db import setup_django

        setup_django(migrate=False)
        from council.pdf import render_pdf
        from protocols.models import Protocol
        from protocols.services import protocol_context

        render_pdf("pdf/protocol.html", protocol_context(Protocol.objects.get(pk=int(arg))), lang="kk")
    print(_peak_kib())
