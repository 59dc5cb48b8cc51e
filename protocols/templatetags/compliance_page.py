"""The compliance dashboard's repeated blocks (R-000-9c, R-001-3b, R-000-11d): the stacked bars and the rows
that carry them, each council's section with its meeting badges, the list of what is overdue now, and the
council filter's options.

At national scale the page shows about 430 bars (a row per council and measure, and one per body), twenty
sections and a hundred badges. Each block is built here in one go, from wordings translated once per page,
rather than by a dozen template nodes per row, each of which costs more than the row's own markup: the markup
is what the templates gave, byte for byte (``templates/protocols/compliance.html`` keeps the page around it).
A bar is an SVG image with ``role="img"`` whose label reads the four numbers, one rectangle per part, the
numbers beside it with the overdue ones in bold."""

from django import template
from django.conf import settings
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

register = template.Library()

EMPTY = '<rect class="bar--none" x="0" y="0" width="100" height="6"/>'
QUARTERS = {1: "I", 4: "II", 7: "III", 10: "IV"}  # by the quarter's first month


def _date(day):
    return f"{day:%d.%m.%Y}"


class _Page:
    """What the page's blocks share, fixed once per rendering: the wordings in the current language, escaped
    once (what is put into them is digits and dates), how numbers are written, and the bars already drawn
    (many rows have the same four numbers)."""

    def __init__(self):
        self.label = escape(gettext("on time %(a)s, late %(b)s, overdue %(c)s, pending %(d)s"))
        self.number = localize if settings.USE_THOUSAND_SEPARATOR else str
        self.kk = get_language() == "kk"
        self.headings = {}
        self.bars = {}

    def heading(self, text):
        """A measure's label (lazy), translated and escaped once per page."""
        key = id(text)
        if key not in self.headings:
            self.headings[key] = (text, conditional_escape(text))
        return self.headings[key][1]

    def bar(self, t):
        key = (t.on_time, t.late, t.overdue, t.pending)
        if key not in self.bars:
            n = self.number
            label = self.label % {"a": n(t.on_time), "b": n(t.late), "c": n(t.overdue), "d": n(t.pending)}
            rects = "".join(
                f'<rect class="bar--{css}" x="{x:.1f}" y="0" width="{width:.1f}" height="6"/>'
                for x, width, css in t.segments
            )
            self.bars[key] = (
                f'<svg class="bar" role="img" viewBox="0 0 100 6" preserveAspectRatio="none" aria-label="{label}">'
                f"{rects or EMPTY}</svg>\n"  # the line end the bar's own template had
            )
        return self.bars[key]

    def overdue(self, t):
        return f"<strong>{self.number(t.overdue)}</strong>" if t.overdue else "0"

    def figures(self, t):
        """on time / late / overdue / not yet due."""
        n = self.number
        return f"{n(t.on_time)} / {n(t.late)} / {self.overdue(t)} / {n(t.pending)}"

    def rows(self, pairs):
        """A table row per (escaped heading, tally): the heading, the bar, the numbers."""
        return "".join(
            f'<tr><th scope="row">{heading}</th><td class="chart">{self.bar(t)}</td><td>{self.figures(t)}</td></tr>'
            for heading, t in pairs
        )

    def meeting_badges(self, meetings):
        """A badge per quarter, "2025/II: 3 / 1" (held / required), red when fewer than required (R-000-9c); a
        dash when the period has no quarter yet."""
        n, badges = self.number, []
        for quarter, held, required in meetings:
            css = (" badge--bad" if held < required else " badge--ok") if required else ""
            minimum = f" / {n(required)}" if required else ""
            name = f"{quarter.year:04d}/{QUARTERS.get(quarter.month, 'IV')}"
            badges.append(f'<span class="badge{css}">{name}: {n(held)}{minimum}</span> ')
        return "".join(badges) or "—"

    def gap_badges(self, gaps):
        """A red badge per stretch of more than two months without a meeting (R-001-3b), or "kept"."""
        if not gaps:
            return f'<span class="badge badge--ok">{escape(gettext("kept"))}</span>'
        wording = escape(gettext("no meeting from %(f)s to %(t)s"))
        return "".join(
            f'<span class="badge badge--bad">{wording % {"f": _date(f), "t": _date(t)}}</span> ' for f, t in gaps
        )


def _page(context):
    page = context.render_context.get(_Page)
    if page is None:
        page = context.render_context[_Page] = _Page()
    return page


@register.simple_tag(takes_context=True)
def overall_rows(context, overall):
    """The table over all councils shown: per measure its label and rule, the bar, and the numbers in columns."""
    page = _page(context)
    n = page.number
    return mark_safe(
        "".join(
            f'<tr><th scope="row">{page.heading(label)} <span class="muted">({escape(rule)})</span></th>'
            f'<td class="chart">{page.bar(t)}</td><td>{n(t.on_time)}</td><td>{n(t.late)}</td>'
            f"<td>{page.overdue(t)}</td><td>{n(t.pending)}</td></tr>"
            for _code, label, rule, t in overall
        )
    )


@register.simple_tag(takes_context=True)
def council_sections(context, councils):
    """Per council its section: the meetings held per quarter, the gaps between meetings where its profile
    judges by them, and its table of measures."""
    page = _page(context)
    held = escape(gettext("Meetings held per quarter"))
    every_two_months = escape(gettext("Meetings at least once every two months (R-001-3b)"))
    sections = []
    for c in councils:
        council = c["council"]
        gaps = f"<p>{every_two_months}: {page.gap_badges(c['gaps'])}</p>" if c["gap_rule"] else ""
        rows = page.rows((page.heading(label), t) for _code, label, _rule, t in c["measures"])
        sections.append(
            f'\n<section aria-labelledby="c-{council.pk}"><h2 id="c-{council.pk}">'
            f"{conditional_escape(council.short_name)}</h2>\n"
            f"<p>{held}: {page.meeting_badges(c['meetings'])}</p>\n{gaps}\n"
            f'<table class="table compliance"><tbody>\n{rows}\n</tbody></table></section>\n'
        )
    return mark_safe("".join(sections))


@register.simple_tag(takes_context=True)
def body_rows(context, bodies):
    """The rows of the execution by body: the body's name in the page's language."""
    page = _page(context)
    name = "name_kk" if page.kk else "name_ru"
    return mark_safe(page.rows((conditional_escape(b[name]), b["tally"]) for b in bodies))


@register.simple_tag
def overdue_rows(deadlines):
    """What is overdue now: the deadline with a link to its subject and its rule, the council, the responsible
    body and the due date, marked when the sweep has found it overdue."""
    overdue = escape(gettext("overdue"))
    rows = []
    for d in deadlines:
        title = conditional_escape(d.title)
        what = f'<a href="{conditional_escape(d.url)}">{title}</a>' if d.url else title
        body = conditional_escape(d.responsible_body.short_name or "—") if d.responsible_body else "—"
        mark = f' <span class="badge badge--overdue">{overdue}</span>' if d.state == "overdue" else ""
        rows.append(
            f'<tr><td>{what} <span class="muted">({conditional_escape(d.rule_id)})</span></td>'
            f"<td>{conditional_escape(d.council.short_name)}</td><td>{body}</td><td>{_date(d.due_date)}{mark}</td></tr>"
        )
    return mark_safe("".join(rows))


@register.simple_tag
def council_options(councils, selected):
    """The council filter's options, the chosen one selected."""
    return mark_safe(
        "".join(
            f'<option value="{conditional_escape(c.code)}"{" selected" if c.code == selected else ""}>'
            f"{conditional_escape(c.short_name)}</option>"
            for c in councils
        )
    )
