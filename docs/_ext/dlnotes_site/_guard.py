"""Version guard for the few places where dlnotes_site must use a private API.

A function that touches a private part of Sphinx, sphinx-gallery, myst-nb or the theme
is decorated with :func:`private_api`, naming the job, the package versions it was
written against and what to check on another version.  With any other version
installed, calling it (and :func:`verify`, which each module's ``setup`` calls) stops the
build with an error that says so, instead of letting the job misbehave quietly.
"""

import functools
from importlib import metadata

from sphinx.errors import ExtensionError


@functools.cache
def installed(dist):
    """The installed version of the distribution ``dist``, or ``None``."""
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def require(job, pins, check):
    """Raise ``ExtensionError`` unless every ``{dist: version}`` in ``pins`` is installed."""
    for dist, pinned in pins.items():
        found = installed(dist)
        if found != pinned:
            raise ExtensionError(
                f"dlnotes_site, job '{job}': written against {dist} {pinned} (it uses a private "
                f"API), but {dist} {found or 'is not installed'}"
                f"{' is installed' if found else ''}. Check: {check} Then update the pin "
                f"in docs/_ext/dlnotes_site/ (or delete the job if upstream now covers it)."
            )


def private_api(job, pins, check):
    """Decorate the one function of ``job`` that uses a private API of ``pins``."""

    def decorate(func):
        @functools.wraps(func)
        def guarded(*args, **kwargs):
            require(job, pins, check)
            return func(*args, **kwargs)

        guarded.guard = (job, pins, check)
        return guarded

    return decorate


def verify(*functions):
    """Check the pins of ``functions`` now (from a module's ``setup``: fail before building)."""
    for func in functions:
        require(*func.guard)
