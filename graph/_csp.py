"""The Content-Security-Policies of every page the package makes, side by side.

None of them lets a page load anything from another origin.
"""

SERVER_PAGES = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
"""``kg serve``'s own pages (landing page, query form, results, errors): no scripts, nothing loaded."""

EXPLORER_PAGE = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)
"""The explorer page's own policy (a ``<meta>`` tag): inline scripts and styles, data: images, no requests."""

SERVED_EXPLORER = "default-src 'self' 'unsafe-inline' data: blob:; connect-src 'self'; frame-ancestors 'none'"
"""The header ``kg serve`` adds to the explorer page (whose own, stricter policy still applies)."""

STATIC_PAGE = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
)
"""Pages written to share (a redline, an answer card): no script at all, nothing loaded."""
