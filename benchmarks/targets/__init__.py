"""Target systems the web benchmark drives besides the sample legacy system: small apps
written for the benchmark only, each with its own scenario and hand-written baseline.

``admin_app``: a 住民記録-style admin form (labels in ``th``/``td``, radios, ``<input
type=date>``, a collapsed ``<details>`` section), standard library only.
"""
