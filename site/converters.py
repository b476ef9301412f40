"""Path converters for values a visitor types into an address."""

# An id longer than this cannot be one: ids are 64-bit (at most 9,223,372,036,854,775,807,
# SQLite's limit too), and a longer number would crash the query instead of finding nothing.
MAX_ID_DIGITS = 18


class BoundedIntConverter:
    """A whole number of at most MAX_ID_DIGITS digits: longer ones are no match (a 404).

    Registered as ``int64`` (see apps.py) and used instead of Django's ``int`` for
    ids, years and months in every address of ours.
    """

    regex = f"[0-9]{{1,{MAX_ID_DIGITS}}}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


def is_id(text):
    """Whether `text`, sent by a visitor, can be an id: ASCII digits, no more than ids have."""
    return text.isascii() and text.isdigit() and len(text) <= MAX_ID_DIGITS
