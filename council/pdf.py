"""PDF documents with WeasyPrint, in Kazakh or Russian, with the fonts embedded."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from .official import printable

PDF_LANGUAGES = ("kk", "ru")


def render_html(template, context, *, lang):
    with translation.override(lang):
        return render_to_string(template, {**context, "doc_lang": lang})


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML  # here: loading WeasyPrint takes a second; only PDF requests pay it

    return HTML(string=printable(html), base_url=str(settings.BASE_DIR)).write_pdf()


def render_pdf(template, context, *, lang) -> bytes:
    """The document ``template`` in ``lang`` (kk or ru) as PDF bytes."""
    if lang not in PDF_LANGUAGES:
        raise ValueError(f"documents are issued in Kazakh or Russian, not {lang!r}")
    return html_to_pdf(render_html(template, context, lang=lang))
