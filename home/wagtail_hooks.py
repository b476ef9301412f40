from wagtail.snippets.models import register_snippet

from .viewsets import FooterViewSet

register_snippet(FooterViewSet)
