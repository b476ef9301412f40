"""
The public pages kept in the shared cache.

Every change a public page can show (a page published, unpublished or moved,
places taken or given back, a session or a date cancelled, a snippet or a
setting saved) calls :func:`pages_changed`; a cached page belongs to one
generation of them.
"""

from .generation import Generation

PAGES = Generation("cic:pages:generation")


def pages_changed():
    """Start a new generation of the cached public pages."""
    PAGES.start()
