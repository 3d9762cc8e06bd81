"""Static files in production: WhiteNoise's compressed, hashed storage, without source maps.

The vendored libraries (static/vendor/, byte for byte as published on npm) end with a
`sourceMappingURL` comment naming a `.map` file we do not ship; Django's manifest storage
rewrites those comments too and fails `collectstatic` on the missing file. Only `url()` and
`@import` in CSS are rewritten here; the comments stay as they are, and a browser asking for a
map gets a 404, which costs nothing.
"""

from __future__ import annotations

from django.contrib.staticfiles.apps import StaticFilesConfig
from whitenoise.storage import CompressedManifestStaticFilesStorage


class HashedStaticStorage(CompressedManifestStaticFilesStorage):
    patterns = (
        (
            "*.css",
            (
                r"""(?P<matched>url\(['"]{0,1}\s*(?P<url>.*?)["']{0,1}\))""",
                (
                    r"""(?P<matched>@import\s*["']\s*(?P<url>.*?)["'])""",
                    """@import url("%(url)s")""",
                ),
            ),
        ),
    )


class RemedyStaticFilesConfig(StaticFilesConfig):
    """`django.contrib.staticfiles`, not collecting the npm sources viewflow ships beside its
    built files (their CSS names fonts that are not in the package; Remedy does not use them)."""

    ignore_patterns = [*StaticFilesConfig.ignore_patterns, "node_modules"]
