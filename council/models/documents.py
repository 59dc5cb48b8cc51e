"""What questions and documents share across apps: the stored document and the ordered co-executor link."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StoredDocument(models.Model):
    """An uploaded document kept as it was received: its file name as given, size, pages where they were
    counted, SHA-256 and content type, filled by ``council.uploads.store_upload`` and checked on every
    download by ``council.files``.

    Each table keeps its own file field (and where it stores it), named by ``file_field``; who uploaded the
    document and when are the table's own columns, named by ``uploaded_by_field`` and ``uploaded_at_field``,
    so nothing is stored twice."""

    file_field = "file"
    uploaded_by_field = "submitted_by"
    uploaded_at_field = "submitted_at"

    original_name = models.CharField(_("file name"), max_length=200, blank=True)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)

    class Meta:
        abstract = True

    @property
    def stored_file(self):
        return getattr(self, self.file_field)

    @property
    def uploaded_by(self):
        return getattr(self, self.uploaded_by_field)

    @property
    def uploaded_at(self):
        return getattr(self, self.uploaded_at_field)


class CoExecutorLink(models.Model):
    """A co-executor of a question, in its listed order: plan items and agenda questions keep theirs the
    same way (the agenda question copies the plan item's)."""

    body = models.ForeignKey("council.Body", on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["order", "id"]

    def __str__(self):
        return str(self.body)


class WithCoExecutors:
    """For a question with ``co_executor_links``."""

    def ordered_co_executors(self):
        """The co-executors in their listed order; prefetch `co_executor_links__body` for lists."""
        return [link.body for link in self.co_executor_links.all()]
