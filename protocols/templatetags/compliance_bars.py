"""The compliance dashboard's repeated markup: the stacked bars, the rows that carry them, and the badges of
meetings held per quarter and of the gaps between meetings (R-000-9c, R-001-3b, R-000-11d).

At national scale the page shows about 430 bars (a row per council and measure, and one per body) and a
hundred badges. Each is built here in one go, from strings fixed once per page, rather than by a dozen
template nodes apiece: the markup is the same as the templates gave, an SVG image with ``role="img"`` whose
label reads the four numbers, one rectangle per part, the numbers beside it with the overdue ones in bold."""

from django import template
from django.conf import settings
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

register = template.Library()

EMPTY = '<rect class="bar--none" x="0" y="0" width="100" height="6"/>'
QUARTERS = {1: "I", 4: "II", 7: "III", 10: "IV"}  # by the quarter's first month


class _Page:
    """What the page's bars and badges share, fixed once per rendering: the wordings in the current language,
    escaped once (what is put into them is digits and dates), how numbers are written, and the bars already
    drawn (many rows have the same four numbers)."""

    def __init__(self):
        self.label = escape(gettext("on time %(a)s, late %(b)s, overdue %(c)s, pending %(d)s"))
        self.number = localize if settings.USE_THOUSAND_SEPARATOR else str
        self.headings = {}
        self.bars = {}

    def heading(self, text):
        key = id(text)  # the measures' lazy labels: translated once each
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
                f"{rects or EMPTY}</svg>\n"  # the line end the bar's template had
            )
        return self.bars[key]

    def figures(self, t):
        """on time / late / overdue / not yet due."""
        n = self.number
        overdue = f"<strong>{n(t.overdue)}</strong>" if t.overdue else "0"
        return f"{n(t.on_time)} / {n(t.late)} / {overdue} / {n(t.pending)}"

    def rows(self, pairs):
        """A table row per (heading, tally): the heading, the bar, the numbers."""
        return mark_safe(
            "".join(
                f'<tr><th scope="row">{heading}</th><td class="chart">{self.bar(t)}</td><td>{self.figures(t)}</td></tr>'
                for heading, t in pairs
            )
        )


def _page(context):
    page = context.render_context.get(_Page)
    if page is None:
        page = context.render_context[_Page] = _Page()
    return page


@register.simple_tag(takes_context=True)
def tally_bar(context, tally):
    """One bar, for a table whose numbers stand in columns of their own."""
    return mark_safe(_page(context).bar(tally))


@register.simple_tag(takes_context=True)
def measure_rows(context, measures):
    """The rows of a council's table: (code, label, rule, tally) per measure."""
    page = _page(context)
    return page.rows((page.heading(label), t) for _code, label, _rule, t in measures)


@register.simple_tag(takes_context=True)
def body_rows(context, bodies):
    """The rows of the execution by body: the body's name in the page's language."""
    name = "name_kk" if get_language() == "kk" else "name_ru"
    return _page(context).rows((conditional_escape(b[name]), b["tally"]) for b in bodies)


@register.simple_tag(takes_context=True)
def meeting_badges(context, meetings):
    """A badge per quarter, "2025/II: 3 / 1" (held / required), red when fewer than required (R-000-9c); a dash
    when the period has no quarter yet."""
    n = _page(context).number
    badges = []
    for quarter, held, required in meetings:
        css = (" badge--bad" if held < required else " badge--ok") if required else ""
        minimum = f" / {n(required)}" if required else ""
        name = f"{quarter.year:04d}/{QUARTERS.get(quarter.month, 'IV')}"
        badges.append(f'<span class="badge{css}">{name}: {n(held)}{minimum}</span> ')
    return mark_safe("".join(badges) or "—")


@register.simple_tag
def gap_badges(gaps):
    """A red badge per stretch of more than two months without a meeting (R-001-3b), or "kept"."""
    if not gaps:
        return mark_safe(f'<span class="badge badge--ok">{escape(gettext("kept"))}</span>')
    wording = escape(gettext("no meeting from %(f)s to %(t)s"))
    return mark_safe(
        "".join(
            f'<span class="badge badge--bad">{wording % {"f": f"{f:%d.%m.%Y}", "t": f"{t:%d.%m.%Y}"}}</span> '
            for f, t in gaps
        )
    )
