"""Post and topic forms: machina's, with Indonesian labels, a length limit and a posting rate limit."""

import datetime

from django import forms
from django.conf import settings
from django.utils import timezone

from machina.apps.forum_conversation.forms import PostForm as MachinaPostForm
from machina.apps.forum_conversation.forms import TopicForm as MachinaTopicForm
from machina.core.db.models import get_model

Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")

CONTENT_MAX_LENGTH = 20_000
ERROR_RATE_LIMIT = "Anda mengirim tulisan terlalu cepat. Tunggu sebentar (paling banyak %(limit)s tulisan per menit)."
ERROR_CONTENT_TOO_LONG = "Isi tulisan terlalu panjang: paling banyak %(limit)s karakter."
CONTENT_HELP = "Format: **tebal**, *miring*, daftar dengan \u201c- \u201d di awal baris, tautan [teks](https://...)."
TOPIC_TYPE_LABELS = {Topic.TOPIC_POST: "Biasa", Topic.TOPIC_STICKY: "Disematkan", Topic.TOPIC_ANNOUNCE: "Pengumuman"}


def posting_too_fast(user) -> bool:
    """True when the user already posted FORUM_POSTS_PER_MINUTE times in the last minute.

    Counted in the database so that every web worker sees the same count.
    """
    if not user.is_authenticated:
        return False
    since = timezone.now() - datetime.timedelta(minutes=1)
    return Post.objects.filter(poster=user, created__gte=since).count() >= settings.FORUM_POSTS_PER_MINUTE


class PortalPostFormMixin:
    def _localise_fields(self):
        labels = {
            "subject": ("Judul", "Judul tulisan"),
            "content": ("Isi", "Tulis isi tanggapan Anda"),
            "update_reason": ("Alasan perubahan", ""),
            "lock_topic": ("Kunci topik", ""),
            "topic_type": ("Jenis topik", ""),
        }
        for name, (label, placeholder) in labels.items():
            if name in self.fields:
                self.fields[name].label = label
                if placeholder:
                    self.fields[name].widget.attrs["placeholder"] = placeholder
        self.fields["content"].help_text = CONTENT_HELP
        if "enable_signature" in self.fields:  # signatures are not used: the box is never shown
            self.fields["enable_signature"].widget = forms.HiddenInput()
        if "topic_type" in self.fields:
            self.fields["topic_type"].choices = [
                (value, TOPIC_TYPE_LABELS.get(value, label)) for value, label in self.fields["topic_type"].choices
            ]

    def clean_content(self):
        content = self.cleaned_data.get("content") or ""
        if len(content) > CONTENT_MAX_LENGTH:
            raise forms.ValidationError(ERROR_CONTENT_TOO_LONG % {"limit": CONTENT_MAX_LENGTH})
        return content

    def clean(self):
        if not self.instance.pk and posting_too_fast(self.user):
            raise forms.ValidationError(ERROR_RATE_LIMIT % {"limit": settings.FORUM_POSTS_PER_MINUTE})
        return super().clean()


class PostForm(PortalPostFormMixin, MachinaPostForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._localise_fields()


class TopicForm(PortalPostFormMixin, MachinaTopicForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._localise_fields()
        self.fields["subject"].widget.attrs["placeholder"] = "Judul bahan diskusi"
        self.fields["content"].label = "Detail bahan diskusi"
