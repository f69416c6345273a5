from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The portal's home page; its figures come live from the reporting selectors."""

    intro = RichTextField("pengantar", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    max_count = 1

    class Meta:
        verbose_name = "beranda"
